import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { CareRule, CareTaskKind, CareTaskOrigin, CareTaskStatus } from '../service-care.constants';
import { IsDateTimeWithOffset } from './common.dto';

export class GenerateCareTasksDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Day the rules run for (city time zone); today when absent' })
  @IsOptional()
  @IsCalendarDate({ message: 'asOf must be a calendar date YYYY-MM-DD' })
  asOf?: string;
}

export class GenerateCareTasksResultDto {
  @ApiProperty({ example: '2026-12-01' }) asOf: string;
  @ApiProperty({ description: 'Occasions the rules found (new or already generated)' }) occasions: number;
  @ApiProperty({ description: 'New tasks created' }) created: number;
  @ApiProperty({ description: 'Occasions that already had their task (idempotent re-run)' }) alreadyGenerated: number;
  @ApiProperty({ description: 'New tasks per rule', example: { key_account_visit: 2, anniversary: 1, outage: 0 } }) byRule: Record<string, number>;
}

export class CreateCareTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  customerId: string;

  @ApiProperty({ enum: CareTaskKind })
  @IsEnum(CareTaskKind)
  kind: CareTaskKind;

  @ApiProperty({ maxLength: 200, example: '回訪寬帶提速效果' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;

  @ApiProperty({ example: '2026-12-10' })
  @IsCalendarDate()
  dueDate: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff member (base-config); the task starts assigned' })
  @IsOptionalNotNull()
  @IsUUID('4')
  assigneeStaffId?: string;

  @ApiPropertyOptional({ example: 'DEP-SVC', description: 'Service department (base-config); the task starts assigned' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(16)
  departmentCode?: string;
}

export class UpdateCareTaskDto {
  @ApiPropertyOptional({ enum: CareTaskStatus, description: 'open → assigned | cancelled; assigned → done | cancelled. done needs an outcome.' })
  @IsOptionalNotNull()
  @IsEnum(CareTaskStatus)
  status?: CareTaskStatus;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  notes?: string | null;

  @ApiPropertyOptional({ example: '2026-12-10' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Setting it on an open task makes it assigned' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  assigneeStaffId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(16)
  departmentCode?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, description: 'What came of it (結果); required to mark done' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  outcome?: string;

  @ApiPropertyOptional({ example: '2026-12-03T15:00:00+08:00', description: 'When it was done (now when absent); not in the future' })
  @IsOptionalNotNull()
  @IsDateTimeWithOffset('doneAt')
  doneAt?: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const CARE_TASK_SORTS = ['dueDate', '-dueDate', 'createdAt', '-createdAt'] as const;

export class CareTaskFilterDto {
  @ApiPropertyOptional({ enum: CareTaskStatus })
  @IsOptional()
  @IsEnum(CareTaskStatus)
  status?: CareTaskStatus;

  @ApiPropertyOptional({ enum: CareTaskKind })
  @IsOptional()
  @IsEnum(CareTaskKind)
  kind?: CareTaskKind;

  @ApiPropertyOptional({ enum: CareTaskOrigin })
  @IsOptional()
  @IsEnum(CareTaskOrigin)
  origin?: CareTaskOrigin;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  assigneeStaffId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(16)
  departmentCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Due on or after' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Due on or before' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;

  @ApiPropertyOptional({ enum: CARE_TASK_SORTS, default: 'dueDate' })
  @IsOptional()
  @IsIn(CARE_TASK_SORTS)
  sort: (typeof CARE_TASK_SORTS)[number] = 'dueDate';
}

export class ListCareTasksDto extends IntersectionType(PageQueryDto, CareTaskFilterDto) {}
export class ExportCareTasksDto extends IntersectionType(ExportFormatDto, CareTaskFilterDto) {}

export class CareTaskEventDto {
  @ApiProperty({ nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}

export class CareTaskDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CareTaskOrigin }) origin: CareTaskOrigin;
  @ApiProperty({ enum: CareRule, nullable: true }) rule: CareRule | null;
  @ApiProperty({ nullable: true, description: 'Idempotency key of a generated task' }) occasionKey: string | null;
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: CareTaskKind }) kind: CareTaskKind;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true }) notes: string | null;
  @ApiProperty() dueDate: string;
  @ApiProperty({ nullable: true }) assigneeStaffId: string | null;
  @ApiProperty({ nullable: true }) assigneeName: string | null;
  @ApiProperty({ nullable: true }) departmentCode: string | null;
  @ApiProperty({ enum: CareTaskStatus }) status: CareTaskStatus;
  @ApiProperty({ nullable: true }) outcome: string | null;
  @ApiProperty({ nullable: true }) doneAt: string | null;
  @ApiProperty({ nullable: true }) outageId: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [CareTaskEventDto], description: 'Only on GET /:id, POST and PATCH' }) history?: CareTaskEventDto[];
}

export class CareTaskPageDto {
  @ApiProperty({ type: [CareTaskDto] }) items: CareTaskDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
