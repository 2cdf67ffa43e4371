import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PlanDto, PlanFilterDto, UpdatePlanDto } from '@crm/planning';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { DISTRICT_CODE } from './common.dto';

export class CreateServicePlanDto {
  @ApiProperty({ maxLength: 200, example: '2027 年一季度大客戶關懷方案' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 1000, example: '大客戶滿意度提升到 90 分' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  objective: string;

  @ApiPropertyOptional({ type: [String], example: ['440106'], description: 'District codes covered; empty = the whole city' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(DISTRICT_CODE, { each: true, message: 'scopeDistricts must hold 6-digit district codes' })
  scopeDistricts?: string[];

  @ApiPropertyOptional({ type: [String], example: ['key_enterprise'], description: 'Segments covered (customer types, level codes or free text)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  scopeSegments?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  scopeNote?: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  periodFrom: string;

  @ApiProperty({ example: '2027-03-31' })
  @IsCalendarDate()
  periodTo: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff member responsible (base-config)' })
  @IsOptionalNotNull()
  @IsUUID('4')
  ownerStaffId?: string;

  @ApiPropertyOptional({ maxLength: 20000, description: '方案內容: steps, times, places' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  content?: string;
}

export class UpdateServicePlanDto extends UpdatePlanDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(DISTRICT_CODE, { each: true, message: 'scopeDistricts must hold 6-digit district codes' })
  scopeDistricts?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  scopeSegments?: string[];

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  scopeNote?: string | null;
}

/** The plan filters of @crm/planning. */
export class ServicePlanFilterDto extends PlanFilterDto {}

export class ListServicePlansDto extends IntersectionType(PageQueryDto, ServicePlanFilterDto) {}
export class ExportServicePlansDto extends IntersectionType(ExportFormatDto, ServicePlanFilterDto) {}

export class ServicePlanDto extends PlanDto {
  @ApiProperty({ type: [String] }) scopeDistricts: string[];
  @ApiProperty({ type: [String] }) scopeSegments: string[];
  @ApiProperty({ nullable: true }) scopeNote: string | null;
}

export class ServicePlanPageDto {
  @ApiProperty({ type: [ServicePlanDto] }) items: ServicePlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
