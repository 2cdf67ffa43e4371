import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MacroInfoCategory, REGION_CODE_PATTERN, ScopeLevel } from '../operations-info.constants';
import { ArrayQueryParam, BooleanQueryParam, IsCalendarDate, IsDateTimeWithOffset, ResourceQueryDto, VersionedChangeDto } from '../resource/resource-query.dto';

export class CreateMacroInfoDto {
  @ApiProperty({ enum: MacroInfoCategory, description: '經濟 / 政策法規 / 行業 / 競爭 / 技術 / 社會 / 其他' })
  @IsEnum(MacroInfoCategory, { message: `category must be one of ${Object.values(MacroInfoCategory).join(', ')}` })
  category: MacroInfoCategory;

  @ApiProperty({ example: '广州市数字经济发展三年行动计划发布', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-03-01T09:00:00+08:00', description: 'When it was published (發佈時間)' })
  @IsDateTimeWithOffset('publishedAt')
  publishedAt: string;

  @ApiProperty({ example: '2026-03-01', description: 'First day it applies (有效期起)' })
  @IsCalendarDate('validFrom')
  validFrom: string;

  @ApiPropertyOptional({ example: '2028-12-31', nullable: true, description: 'Last day it applies; null = open-ended' })
  @IsOptional()
  @IsCalendarDate('validTo')
  validTo?: string | null;

  @ApiProperty({ enum: ScopeLevel, description: 'national: no codes; province / city: their GB/T 2260 codes; district: districts of the city' })
  @IsEnum(ScopeLevel, { message: `scopeLevel must be one of ${Object.values(ScopeLevel).join(', ')}` })
  scopeLevel: ScopeLevel;

  @ApiPropertyOptional({ type: [String], example: ['440106', '440104'], description: 'GB/T 2260 codes of the scope' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(REGION_CODE_PATTERN, { each: true, message: 'scopeCodes must be 6-digit GB/T 2260 codes' })
  scopeCodes?: string[];

  @ApiProperty({ example: '提出到 2028 年建成 5G 基站 8 万个……', maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  content: string;

  @ApiPropertyOptional({ example: '政企专线和 5G 行业应用需求将增长', maxLength: 2000, nullable: true, description: '與業務的關係' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  businessRelevance?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['5G', '政企'], description: 'Tags of the relation to the business' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: '广州市人民政府', maxLength: 300, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string | null;
}

export class UpdateMacroInfoDto extends IntersectionType(PartialType(CreateMacroInfoDto), VersionedChangeDto) {}

export const MACRO_INFO_SORTS = ['publishedAt', '-publishedAt', 'validFrom', '-validFrom', 'validTo', '-validTo', 'title', '-title', 'createdAt', '-createdAt'] as const;

export class ListMacroInfoDto extends ResourceQueryDto {
  @ApiPropertyOptional({ enum: MacroInfoCategory, isArray: true, description: 'One or more categories' })
  @IsOptional()
  @ArrayQueryParam()
  @IsEnum(MacroInfoCategory, { each: true, message: `category must be one of ${Object.values(MacroInfoCategory).join(', ')}` })
  category?: MacroInfoCategory[];

  @ApiPropertyOptional({ enum: ScopeLevel })
  @IsOptional()
  @IsEnum(ScopeLevel, { message: `scopeLevel must be one of ${Object.values(ScopeLevel).join(', ')}` })
  scopeLevel?: ScopeLevel;

  @ApiPropertyOptional({ example: '440106', description: 'Items whose scope lists this code' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'scopeCode must be a 6-digit GB/T 2260 code' })
  scopeCode?: string;

  @ApiPropertyOptional({ example: '5G', description: 'Items with this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  tag?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: valid today (node time zone); false: not (expired or not yet valid)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  currentlyValid?: boolean;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Valid on this date' })
  @IsOptional()
  @IsCalendarDate('validOn')
  validOn?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Published on or after this date (node time zone)' })
  @IsOptional()
  @IsCalendarDate('publishedFrom')
  publishedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Published on or before this date (node time zone)' })
  @IsOptional()
  @IsCalendarDate('publishedTo')
  publishedTo?: string;

  @ApiPropertyOptional({ enum: MACRO_INFO_SORTS, default: '-publishedAt' })
  @IsOptional()
  @IsIn(MACRO_INFO_SORTS)
  sort: (typeof MACRO_INFO_SORTS)[number] = '-publishedAt';
}

export class MacroInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MacroInfoCategory }) category: MacroInfoCategory;
  @ApiProperty() title: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ example: '2026-03-01' }) validFrom: string;
  @ApiPropertyOptional({ nullable: true }) validTo: string | null;
  @ApiProperty({ description: 'Valid today (node time zone)' }) currentlyValid: boolean;
  @ApiProperty({ enum: ScopeLevel }) scopeLevel: ScopeLevel;
  @ApiProperty({ type: [String] }) scopeCodes: string[];
  @ApiProperty() content: string;
  @ApiPropertyOptional({ nullable: true }) businessRelevance: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiPropertyOptional({ nullable: true }) source: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
