import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { SalesTaskStatus, TargetKind } from '../sales.constants';
import { MAX_FEN, VersionDto } from './common.dto';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateSalesTeamDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ format: 'uuid', description: 'The manager (staff) who defines the team' }) @IsUUID('4') managerStaffId: string;
  @ApiPropertyOptional({ type: [String], description: 'Members (staff ids)' }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(500) @IsUUID('4', { each: true }) memberStaffIds?: string[];
}
export class UpdateSalesTeamDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') managerStaffId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Replaces the members' }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(500) @IsUUID('4', { each: true }) memberStaffIds?: string[];
}
export class SalesTeamFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') managerStaffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') memberStaffId?: string;
  @ApiPropertyOptional({ enum: ['name', '-name'], default: 'name' }) @IsOptional() @IsIn(['name', '-name']) sort: 'name' | '-name' = 'name';
}
export class ListSalesTeamsDto extends IntersectionType(PageQueryDto, SalesTeamFilterDto) {}

export class CreateSalesTaskDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The task this one breaks down (same target kind, within its period)' }) @IsOptionalNotNull() @IsUUID('4') parentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'assigneeTeamId or assigneeStaffId, exactly one' }) @IsOptionalNotNull() @IsUUID('4') assigneeTeamId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "Under a team's task: a member or the manager of that team" }) @IsOptionalNotNull() @IsUUID('4') assigneeStaffId?: string;
  @ApiProperty({ enum: TargetKind, description: 'count: completed orders; amount: fen of completed orders' }) @IsEnum(TargetKind) targetKind: TargetKind;
  @ApiProperty({ type: 'integer', minimum: 1 }) @IsInt() @Min(1) @Max(MAX_FEN) targetValue: number;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() periodFrom: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() periodTo: string;
}
export class UpdateSalesTaskDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(MAX_FEN) targetValue?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsCalendarDate() periodFrom?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsCalendarDate() periodTo?: string;
  @ApiPropertyOptional({ enum: SalesTaskStatus }) @IsOptionalNotNull() @IsEnum(SalesTaskStatus) status?: SalesTaskStatus;
}
export const TASK_SORTS = ['periodFrom', '-periodFrom', 'createdAt', '-createdAt', 'title', '-title'] as const;
export class SalesTaskFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') parentId?: string;
  @ApiPropertyOptional({ description: 'Only tasks without a parent' }) @IsOptional() @Transform(bool) @IsBoolean() rootsOnly?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') assigneeTeamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') assigneeStaffId?: string;
  @ApiPropertyOptional({ enum: SalesTaskStatus }) @IsOptional() @IsEnum(SalesTaskStatus) status?: SalesTaskStatus;
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'periodFrom' }) @IsOptional() @IsIn(TASK_SORTS) sort: (typeof TASK_SORTS)[number] = 'periodFrom';
}
export class ListSalesTasksDto extends IntersectionType(PageQueryDto, SalesTaskFilterDto) {}
export class ExportSalesTasksDto extends IntersectionType(ExportFormatDto, SalesTaskFilterDto) {}
