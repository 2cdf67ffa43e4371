import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { DATE_PATTERN } from './create-price-plan.dto';

export class ListPricePlansDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-06-01', description: 'Only plans on sale on this day' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'validOn must be a date YYYY-MM-DD' })
  validOn?: string;
}
