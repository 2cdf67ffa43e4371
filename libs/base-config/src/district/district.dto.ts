import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DISTRICT_CODE_PATTERN } from '../base-config.constants';
import { ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateDistrictDto {
  @ApiProperty({ example: '440106', description: 'GB/T 2260 county-level code' })
  @Matches(DISTRICT_CODE_PATTERN, { message: 'code must be a 6-digit district code' })
  code: string;

  @ApiProperty({ example: '天河区', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;
}

export class UpdateDistrictDto extends IntersectionType(PartialType(OmitType(CreateDistrictDto, ['code'] as const)), VersionedChangeDto) {}

export const DISTRICT_SORTS = ['code', '-code', 'name', '-name'] as const;

export class ListDistrictsDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ enum: DISTRICT_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(DISTRICT_SORTS)
  sort: (typeof DISTRICT_SORTS)[number] = 'code';
}

export class DistrictDto {
  @ApiProperty({ example: '440106' }) code: string;
  @ApiProperty({ example: '天河区' }) name: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
