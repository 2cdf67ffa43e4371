import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { RESEARCH_METHODS, ResearchMethod } from '../marketing.constants';

const DISTRICT_CODE = /^\d{6}$/;

export class CreateMarketResearchDto {
  @ApiProperty({ maxLength: 200, example: '2027 年天河區寬帶需求調研' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 200, example: '千兆寬帶' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic: string;

  @ApiProperty({ enum: RESEARCH_METHODS })
  @IsIn(RESEARCH_METHODS)
  method: ResearchMethod;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate()
  periodFrom: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  periodTo: string;

  @ApiPropertyOptional({ example: '440106', description: 'A base-config district' })
  @IsOptional()
  @Matches(DISTRICT_CODE, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ maxLength: 200, example: '天河北商圈' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  findings?: string;

  @ApiPropertyOptional({ maxLength: 500, example: '問卷 1,200 份' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class UpdateMarketResearchDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ enum: RESEARCH_METHODS })
  @IsOptionalNotNull()
  @IsIn(RESEARCH_METHODS)
  method?: ResearchMethod;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodFrom?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodTo?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DISTRICT_CODE, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  region?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(20_000)
  findings?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  source?: string | null;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const MARKET_RESEARCH_SORTS = ['periodFrom', '-periodFrom', 'createdAt', '-createdAt', 'title', '-title'] as const;

export class MarketResearchFilterDto {
  @ApiPropertyOptional({ enum: RESEARCH_METHODS })
  @IsOptional()
  @IsIn(RESEARCH_METHODS)
  method?: ResearchMethod;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(DISTRICT_CODE, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ description: 'Words in the title, topic or region' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Research whose period ends on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Research whose period starts on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: MARKET_RESEARCH_SORTS, default: '-periodFrom' })
  @IsOptional()
  @IsIn(MARKET_RESEARCH_SORTS)
  sort: (typeof MARKET_RESEARCH_SORTS)[number] = '-periodFrom';
}

export class ListMarketResearchDto extends IntersectionType(PageQueryDto, MarketResearchFilterDto) {}
export class ExportMarketResearchDto extends IntersectionType(ExportFormatDto, MarketResearchFilterDto) {}

export class MarketResearchDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() topic: string;
  @ApiProperty({ enum: RESEARCH_METHODS }) method: string;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ nullable: true }) districtCode: string | null;
  @ApiProperty({ nullable: true }) region: string | null;
  @ApiProperty({ nullable: true }) findings: string | null;
  @ApiProperty({ nullable: true }) source: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class MarketResearchPageDto {
  @ApiProperty({ type: [MarketResearchDto] }) items: MarketResearchDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
