import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { CreateAttachmentDto } from './dto/attachment.dto';
import { CreateReturnVisitDto, ReturnVisitResultDto } from './dto/return-visit.dto';
import {
  AssignDto, AttachmentDto, CreateServiceRequestDto, ExportServiceRequestsDto, HandoverDto, ListServiceRequestsDto, ReturnVisitDto, ServiceRequestDto, ServiceRequestPageDto,
  TransitionDto, UpdateServiceRequestDto,
} from './dto/service-request.dto';
import { ListNotificationsDto, NotificationPageDto, SlaCheckDto, SlaCheckResultDto } from './dto/sla.dto';
import { ReturnVisitService } from './return-visit.service';
import { SERVICE_REQUEST_ENTITY } from './service.constants';
import { ServiceRequestService } from './service-request.service';
import { ServiceSlaService } from './service-sla.service';

const uuidPipe = (name: string) =>
  new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, `${name} must be a UUID`, [{ field: name, problem: 'must be a UUID' }]) });
const uuid = uuidPipe('id');
type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;
const time = (key: string) => (r: Row): string | null => (r[key] ? new Date(r[key] as string).toISOString() : null);

/** 服務請求 (city): complaints, faults, consultations, queries and suggestions. */
@ApiTags('service-requests')
@Controller('api/v1/service-requests')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ServiceRequestController {
  constructor(
    private readonly requests: ServiceRequestService,
    private readonly sla: ServiceSlaService,
    private readonly visits: ReturnVisitService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Register a request; the receiver owns it (首問負責), a key account goes to its account manager (客戶經理負責)' })
  @ApiCreatedResponse({ type: ServiceRequestDto })
  create(@Body() dto: CreateServiceRequestDto, @Actor() actor: RequestActor): Promise<ServiceRequestDto> {
    return this.requests.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Query requests by kind, status, channel, severity, customer, owner, assignee, department, breach, creation time; paginated' })
  @ApiOkResponse({ type: ServiceRequestPageDto })
  list(@Query() q: ListServiceRequestsDto): Promise<ServiceRequestPageDto> {
    return this.requests.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Export requests (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportServiceRequestsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: SERVICE_REQUEST_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '服務請求 Service requests',
      filename: 'service-requests',
      rows: streamRawRows(this.requests.exportQuery(q)),
      columns: [
        { header: '編號 Id', value: val('id'), width: 38 },
        { header: '類型 Kind', value: val('kind'), width: 14 },
        { header: '渠道 Channel', value: val('channel'), width: 14 },
        { header: '嚴重程度 Severity', value: val('severity'), width: 10 },
        { header: '狀態 Status', value: val('status'), width: 12 },
        { header: '客戶 Customer', value: val('customer_name'), width: 20 },
        { header: '客戶編號 Customer id', value: val('customer_id'), width: 38 },
        { header: '標題 Title', value: val('title'), width: 40 },
        { header: '負責人 Owner', value: val('owner_name'), width: 14 },
        { header: '部門 Department', value: val('department_code'), width: 12 },
        { header: '受理 Received', value: time('received_at'), width: 24 },
        { header: '響應時限 Response due', value: time('response_due_at'), width: 24 },
        { header: '解決時限 Resolution due', value: time('resolution_due_at'), width: 24 },
        { header: '解決 Resolved', value: time('resolved_at'), width: 24 },
        { header: '超時 Breached', value: (r) => (r.response_breached_at || r.resolution_breached_at ? 'yes' : 'no'), width: 8 },
        { header: '升級 Escalation', value: val('escalation_level'), width: 8 },
      ],
    });
  }

  @Get('notifications')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'SLA near-breach and breach notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  notifications(@Query() q: ListNotificationsDto): Promise<NotificationPageDto> {
    return this.sla.notifications(q);
  }

  @Post('sla-check')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Run the SLA check now (as the scheduled job does), optionally as of another instant; idempotent' })
  @ApiOkResponse({ type: SlaCheckResultDto })
  slaCheck(@Body() dto: SlaCheckDto, @Actor() actor: RequestActor): Promise<SlaCheckResultDto> {
    return this.sla.check(dto.asOf, actor);
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Read one request with its history, attachments and return visits' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string): Promise<ServiceRequestDto> {
    return this.requests.findById(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Change descriptive fields (title, description, notes, circuitRef); `version` must be current' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateServiceRequestDto, @Actor() actor: RequestActor): Promise<ServiceRequestDto> {
    return this.requests.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Delete a request that is still acknowledged' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not acknowledged any more' })
  remove(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.requests.remove(id, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Move along the lifecycle (in_progress, pending, resolved, closed, rejected, cancelled); recorded in the history' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Transition not allowed (message starts with SERVICE_TRANSITION_<FROM>_TO_<TO>) or stale version' })
  transition(@Param('id', uuid) id: string, @Body() dto: TransitionDto, @Actor() actor: RequestActor): Promise<ServiceRequestDto> {
    return this.requests.transition(id, dto, actor);
  }

  @Post(':id/handover')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Hand responsibility over to another staff member (首問負責制), recorded' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  handover(@Param('id', uuid) id: string, @Body() dto: HandoverDto, @Actor() actor: RequestActor): Promise<ServiceRequestDto> {
    return this.requests.handover(id, dto, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Assign to a service department and / or a staff member, recorded' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  assign(@Param('id', uuid) id: string, @Body() dto: AssignDto, @Actor() actor: RequestActor): Promise<ServiceRequestDto> {
    return this.requests.assign(id, dto, actor);
  }

  @Post(':id/attachments')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Attach file metadata (name, media type, size, storage reference)' })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  addAttachment(@Param('id', uuid) id: string, @Body() dto: CreateAttachmentDto, @Actor() actor: RequestActor): Promise<AttachmentDto> {
    return this.requests.addAttachment(id, dto, actor);
  }

  @Get(':id/attachments')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: "The request's attachments" })
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  attachments(@Param('id', uuid) id: string): Promise<AttachmentDto[]> {
    return this.requests.attachments(id);
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Remove an attachment' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  removeAttachment(@Param('id', uuid) id: string, @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string, @Actor() actor: RequestActor): Promise<void> {
    return this.requests.removeAttachment(id, attachmentId, actor);
  }

  @Post(':id/return-visits')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Record a return visit (回訪) on a resolved request: satisfied closes it, not satisfied reopens it; the rating feeds the satisfaction score' })
  @ApiCreatedResponse({ type: ReturnVisitResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The request is not resolved' })
  addReturnVisit(@Param('id', uuid) id: string, @Body() dto: CreateReturnVisitDto, @Actor() actor: RequestActor): Promise<ReturnVisitResultDto> {
    return this.visits.record(id, dto, actor);
  }

  @Get(':id/return-visits')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: "The request's return visits" })
  @ApiOkResponse({ type: [ReturnVisitDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  returnVisits(@Param('id', uuid) id: string): Promise<ReturnVisitDto[]> {
    return this.visits.list(id);
  }
}
