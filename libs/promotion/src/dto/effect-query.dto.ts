import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

export class EffectQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 3, minimum: 1, maximum: 24, description: 'N: months compared before and after' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months = 3;
}

export class PromotionCustomersQueryDto extends PageQueryDto {}
