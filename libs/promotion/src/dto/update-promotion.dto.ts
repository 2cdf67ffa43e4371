import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreatePromotionDto } from './create-promotion.dto';

/** Any subset of the fields but the policy code; `version` must be the current one. */
export class UpdatePromotionDto extends PartialType(OmitType(CreatePromotionDto, ['policyCode'] as const)) {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}
