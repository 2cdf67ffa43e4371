import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsIsoDateTime, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { ServiceChannel, ServiceRequestKind, ServiceRequestStatus, ServiceSeverity } from '../service.constants';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/;
const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateServiceRequestDto {
  @ApiProperty({ enum: ServiceRequestKind, description: '投訴 complaint, 故障 fault, 咨詢 consultation, 查詢 query, 建議 suggestion' })
  @IsEnum(ServiceRequestKind)
  kind: ServiceRequestKind;

  @ApiProperty({ enum: ServiceChannel })
  @IsEnum(ServiceChannel)
  channel: ServiceChannel;

  @ApiProperty({ enum: ServiceSeverity })
  @IsEnum(ServiceSeverity)
  severity: ServiceSeverity;

  @ApiProperty({ format: 'uuid', description: 'Must be an existing, open customer (400 naming customerId otherwise)' })
  @IsUUID('4')
  customerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the customer's subscriptions" })
  @IsOptional()
  @IsUUID('4')
  subscriptionId?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Circuit reference (電路編號) as free text' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  circuitRef?: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiProperty({ format: 'uuid', description: '首問: the staff member (base-config staff) who received the request; owner until a hand-over' })
  @IsUUID('4')
  receivedByStaffId: string;
}

/**
 * What ServiceRequestService.create takes. This REST API (CreateServiceRequestDto) still requires a
 * customer and a receiver; other callers (the TMF621 facade) may leave either out: a request without
 * an identified customer (a network fault), or received by a system (no owner until a hand-over or
 * an assignment to a person). Without a customer but with a subscription, the subscription's
 * customer is the request's customer.
 */
export type ServiceRequestInput = Omit<CreateServiceRequestDto, 'customerId' | 'receivedByStaffId'> & {
  customerId?: string | null;
  receivedByStaffId?: string | null;
};

/** Descriptive fields only: status, owner, assignment and SLA change through their own routes. */
export class UpdateServiceRequestDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  @ApiPropertyOptional({ maxLength: 64, nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  circuitRef?: string | null;

  @ApiProperty({ type: 'integer', description: 'Current version (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;
}

export const SERVICE_REQUEST_SORTS = ['createdAt', '-createdAt', 'resolutionDueAt', '-resolutionDueAt', 'severity', '-severity'] as const;

export class ServiceRequestFilterDto {
  @ApiPropertyOptional({ enum: ServiceRequestKind }) @IsOptional() @IsEnum(ServiceRequestKind) kind?: ServiceRequestKind;
  @ApiPropertyOptional({ enum: ServiceRequestStatus }) @IsOptional() @IsEnum(ServiceRequestStatus) status?: ServiceRequestStatus;
  @ApiPropertyOptional({ enum: ServiceChannel }) @IsOptional() @IsEnum(ServiceChannel) channel?: ServiceChannel;
  @ApiPropertyOptional({ enum: ServiceSeverity }) @IsOptional() @IsEnum(ServiceSeverity) severity?: ServiceSeverity;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible staff member (首問 owner)' }) @IsOptional() @IsUUID('4') ownerStaffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') assigneeStaffId?: string;

  @ApiPropertyOptional({ description: 'Service department code (base-config)' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'departmentCode must be a department code' })
  departmentCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: a response or resolution SLA was breached; false: none was' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Created at or after (a date is read in the city time zone)' })
  @IsOptional()
  @IsIsoDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Created before (a date means: before the end of that day)' })
  @IsOptional()
  @IsIsoDateTime()
  createdTo?: string;

  @ApiPropertyOptional({ enum: SERVICE_REQUEST_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SERVICE_REQUEST_SORTS)
  sort: (typeof SERVICE_REQUEST_SORTS)[number] = '-createdAt';
}

export class ListServiceRequestsDto extends IntersectionType(PageQueryDto, ServiceRequestFilterDto) {}
export class ExportServiceRequestsDto extends IntersectionType(ExportFormatDto, ServiceRequestFilterDto) {}

export class TransitionDto {
  @ApiProperty({ enum: ServiceRequestStatus, description: 'Target status; see docs/service.md for the lifecycle' })
  @IsEnum(ServiceRequestStatus)
  to: ServiceRequestStatus;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'When given, must be current (409 otherwise)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class HandoverDto {
  @ApiProperty({ format: 'uuid', description: 'The new responsible staff member (active base-config staff)' })
  @IsUUID('4')
  toStaffId: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AssignDto {
  @ApiPropertyOptional({ description: 'Service department code (base-config 服務部門); defaults to the staff member’s department' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'departmentCode must be a department code' })
  departmentCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff member to work on the request' })
  @IsOptional()
  @IsUUID('4')
  staffId?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ServiceEventDto {
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true }) fromStatus: string | null;
  @ApiProperty({ nullable: true }) toStatus: string | null;
  @ApiProperty({ nullable: true }) fromStaffId: string | null;
  @ApiProperty({ nullable: true }) toStaffId: string | null;
  @ApiProperty({ nullable: true }) departmentCode: string | null;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty() details: Record<string, unknown>;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() requestId: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() storageRef: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class ReturnVisitDto {
  @ApiProperty() id: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty() satisfied: boolean;
  @ApiProperty({ nullable: true }) comment: string | null;
  @ApiProperty() visitedAt: string;
  @ApiProperty() visitedBy: string;
  @ApiProperty({ nullable: true, description: 'Satisfaction survey recorded in @crm/scoring' }) surveyId: string | null;
}

export class ServiceRequestDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ServiceRequestKind }) kind: ServiceRequestKind;
  @ApiProperty({ enum: ServiceChannel }) channel: ServiceChannel;
  @ApiProperty({ enum: ServiceSeverity }) severity: ServiceSeverity;
  @ApiProperty({ enum: ServiceRequestStatus }) status: ServiceRequestStatus;
  @ApiProperty({ nullable: true, description: 'Null: no identified customer (e.g. a network fault raised through TMF621)' }) customerId: string | null;
  @ApiProperty({ nullable: true }) customerName: string | null;
  @ApiProperty({ nullable: true }) customerType: string | null;
  @ApiProperty({ nullable: true }) subscriptionId: string | null;
  @ApiProperty({ nullable: true }) circuitRef: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ nullable: true }) notes: string | null;
  @ApiProperty({ nullable: true, description: 'Null: received by a system (TMF621), no first-contact staff member' }) receivedByStaffId: string | null;
  @ApiProperty({ nullable: true, description: 'Null until a hand-over or an assignment to a person when nobody received it' }) ownerStaffId: string | null;
  @ApiProperty({ nullable: true }) ownerName: string | null;
  @ApiProperty({ nullable: true }) assigneeStaffId: string | null;
  @ApiProperty({ nullable: true }) departmentCode: string | null;
  @ApiProperty() keyAccount: boolean;
  @ApiProperty() routedToAccountManager: boolean;
  @ApiProperty() handoverCount: number;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ description: 'SLA clocks run 24×7 instead of business hours' }) aroundTheClock: boolean;
  @ApiProperty() responseTargetMinutes: number;
  @ApiProperty() resolutionTargetMinutes: number;
  @ApiProperty() responseDueAt: string;
  @ApiProperty({ description: 'Recomputed when the clock resumes after pending or a reopen' }) resolutionDueAt: string;
  @ApiProperty({ nullable: true }) respondedAt: string | null;
  @ApiProperty({ nullable: true }) resolvedAt: string | null;
  @ApiProperty({ nullable: true }) closedAt: string | null;
  @ApiProperty({ description: 'Resolution-clock minutes used before the running segment' }) resolutionUsedMinutes: number;
  @ApiProperty({ description: 'The resolution clock is paused (pending, resolved, final)' }) slaPaused: boolean;
  @ApiProperty({ nullable: true }) responseBreachedAt: string | null;
  @ApiProperty({ nullable: true }) resolutionBreachedAt: string | null;
  @ApiProperty() escalated: boolean;
  @ApiProperty() escalationLevel: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [ServiceEventDto], description: 'GET /:id and the write routes' }) history?: ServiceEventDto[];
  @ApiPropertyOptional({ type: [AttachmentDto] }) attachments?: AttachmentDto[];
  @ApiPropertyOptional({ type: [ReturnVisitDto] }) returnVisits?: ReturnVisitDto[];
}

export class ServiceRequestPageDto {
  @ApiProperty({ type: [ServiceRequestDto] }) items: ServiceRequestDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
