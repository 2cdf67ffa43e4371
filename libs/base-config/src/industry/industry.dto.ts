import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { INDUSTRY_CODE_PATTERN } from '../base-config.constants';
import { BooleanQueryParam, ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

const CODE_MESSAGE = 'must be a GB/T 4754 section letter (A-Z) or a 2-4 digit division, group or class';

export class CreateIndustryDto {
  @ApiProperty({ example: '65', description: 'GB/T 4754-2017 code: section letter, or 2-4 digits' })
  @Matches(INDUSTRY_CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: '软件和信息技术服务业', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'I', nullable: true })
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN, { message: `parentCode ${CODE_MESSAGE}` })
  parentCode?: string | null;
}

export class UpdateIndustryDto extends IntersectionType(PartialType(OmitType(CreateIndustryDto, ['code'] as const)), VersionedChangeDto) {}

export const INDUSTRY_SORTS = ['code', '-code', 'name', '-name'] as const;

export class ListIndustriesDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ example: 'I', description: 'Only the direct children of this code' })
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN, { message: `parentCode ${CODE_MESSAGE}` })
  parentCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only top-level rows (the sections)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  topLevel?: boolean;

  @ApiPropertyOptional({ enum: INDUSTRY_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(INDUSTRY_SORTS)
  sort: (typeof INDUSTRY_SORTS)[number] = 'code';
}

export class IndustryDto {
  @ApiProperty({ example: 'I' }) code: string;
  @ApiProperty({ example: '信息传输、软件和信息技术服务业' }) name: string;
  @ApiPropertyOptional({ nullable: true }) parentCode: string | null;
  @ApiPropertyOptional({ nullable: true }) parentName: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}
