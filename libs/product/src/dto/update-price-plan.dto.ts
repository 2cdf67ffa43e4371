import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreatePricePlanDto } from './create-price-plan.dto';

/** Any subset of the fields except the code, with the version read. */
export class UpdatePricePlanDto extends PartialType(OmitType(CreatePricePlanDto, ['code'] as const)) {
  @ApiProperty({ type: 'integer', description: 'The version last read; a different current version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
