import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { EvaluationDto, LatestEvaluationsDto, PlanLifecycleRoutes } from '@crm/planning';
import { CreateServicePlanDto, ExportServicePlansDto, ListServicePlansDto, ServicePlanDto, ServicePlanPageDto, UpdateServicePlanDto } from './dto/service-plan.dto';
import { ExportRow, list, time, uuidParam, val } from './http.util';
import { SERVICE_PLAN_ENTITY } from './service-care.constants';
import { ServicePlanService } from './service-plan.service';

@ApiTags('service-plans')
@Controller('api/v1/service-plans')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ServicePlanController extends PlanLifecycleRoutes({ planDto: ServicePlanDto, write: Permission.ServiceWrite, idPipe: uuidParam }) {
  constructor(
    protected readonly plans: ServicePlanService,
    private readonly audit: AuditService,
  ) {
    super();
  }

  @Post()
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Draft a service plan (服務方案); it starts as draft' })
  @ApiCreatedResponse({ type: ServicePlanDto })
  create(@Body() dto: CreateServicePlanDto, @Actor() actor: RequestActor): Promise<ServicePlanDto> {
    return this.plans.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Query service plans by state, owner, period, title; paginated' })
  @ApiOkResponse({ type: ServicePlanPageDto })
  list(@Query() q: ListServicePlansDto): Promise<ServicePlanPageDto> {
    return this.plans.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Export service plans (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportServicePlansDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: SERVICE_PLAN_ENTITY, newValues: { format, filters } });
    await streamExport<ExportRow>(res, {
      format,
      title: '服務方案 Service plans',
      filename: 'service-plans',
      rows: streamRawRows(this.plans.exportQuery(q)),
      columns: [
        { header: '標題 Title', value: val('title'), width: 30 },
        { header: '目標 Objective', value: val('objective'), width: 40 },
        { header: '地區 Districts', value: list('scope_districts'), width: 20 },
        { header: '客戶群 Segments', value: list('scope_segments'), width: 20 },
        { header: '起 From', value: val('period_from'), width: 10 },
        { header: '止 To', value: val('period_to'), width: 10 },
        { header: '負責人 Owner', value: val('owner_staff_id'), width: 38 },
        { header: '狀態 State', value: val('state'), width: 10 },
        { header: '建立 Created', value: time('created_at'), width: 24 },
      ],
    });
  }

  @Get('evaluations')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'The latest plan evaluations, newest first: what a drafter reads before drafting the next plan' })
  @ApiOkResponse({ type: [EvaluationDto] })
  evaluations(@Query() q: LatestEvaluationsDto): Promise<EvaluationDto[]> {
    return this.plans.latestEvaluations(q.latest);
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Read one plan with its transitions, stage results and evaluation' })
  @ApiOkResponse({ type: ServicePlanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<ServicePlanDto> {
    return this.plans.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Edit a draft or revised plan; `version` must be current' })
  @ApiOkResponse({ type: ServicePlanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or the plan is no longer editable' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateServicePlanDto, @Actor() actor: RequestActor): Promise<ServicePlanDto> {
    return this.plans.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Delete a draft plan' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The plan is past draft' })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.plans.remove(id, actor);
  }
}
