import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { DISTRICT_CODE, IsDateTimeWithOffset } from './common.dto';

export class CreateOutageDto {
  @ApiProperty({ example: '440106', description: 'District (區縣) of the outage' })
  @Matches(DISTRICT_CODE, { message: 'districtCode must be a 6-digit district code' })
  districtCode: string;

  @ApiPropertyOptional({ maxLength: 200, example: '天河路 1–99 號' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  area?: string;

  @ApiProperty({ maxLength: 500, example: '光纜被挖斷，寬帶中斷' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: '2026-11-30T08:00:00+08:00' })
  @IsDateTimeWithOffset('startedAt')
  startedAt: string;

  @ApiPropertyOptional({ example: '2026-11-30T14:00:00+08:00', description: 'When it ended; absent while it lasts' })
  @IsOptionalNotNull()
  @IsDateTimeWithOffset('endedAt')
  endedAt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Affected customers' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('4', { each: true })
  customerIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Affected subscriptions: their customers are affected' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('4', { each: true })
  subscriptionIds?: string[];
}

export class UpdateOutageDto {
  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  area?: string | null;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ example: '2026-11-30T14:00:00+08:00', description: 'Records the end of the outage' })
  @IsOptionalNotNull()
  @IsDateTimeWithOffset('endedAt')
  endedAt?: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const OUTAGE_SORTS = ['startedAt', '-startedAt'] as const;

export class OutageFilterDto {
  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(DISTRICT_CODE, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: still lasting; false: ended' })
  @IsOptional()
  @IsIn(['true', 'false'])
  ongoing?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Started on or after (city date)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Started on or before (city date)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: OUTAGE_SORTS, default: '-startedAt' })
  @IsOptional()
  @IsIn(OUTAGE_SORTS)
  sort: (typeof OUTAGE_SORTS)[number] = '-startedAt';
}

export class ListOutagesDto extends IntersectionType(PageQueryDto, OutageFilterDto) {}
export class ExportOutagesDto extends IntersectionType(ExportFormatDto, OutageFilterDto) {}

export class OutageDto {
  @ApiProperty() id: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ nullable: true }) area: string | null;
  @ApiProperty() description: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true }) endedAt: string | null;
  @ApiProperty({ nullable: true, description: 'Whole hours (rounded down) from start to end; null while it lasts' }) durationHours: number | null;
  @ApiProperty() affectedCustomers: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [String], description: 'Only on GET /:id' }) customerIds?: string[];
}

export class OutagePageDto {
  @ApiProperty({ type: [OutageDto] }) items: OutageDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
