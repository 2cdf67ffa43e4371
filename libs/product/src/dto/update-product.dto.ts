import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreateProductDto } from './create-product.dto';

/** Any subset of name, description, active, monthlyFeeFen and componentCodes (replaces the set), with the version read. */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['code', 'category'] as const)) {
  @ApiProperty({ type: 'integer', description: 'The version last read; a different current version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
