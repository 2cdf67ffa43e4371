import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { EvaluationDto, LatestEvaluationsDto, PlanLifecycleRoutes } from '@crm/planning';
import { CreateMarketingPlanDto, ExportMarketingPlansDto, ListMarketingPlansDto, MarketingPlanDto, MarketingPlanPageDto, UpdateMarketingPlanDto } from './dto/marketing-plan.dto';
import { ExportRow, time, uuidParam, val } from './http.util';
import { MARKETING_PLAN_ENTITY } from './marketing.constants';
import { MarketingPlanService } from './marketing-plan.service';

@ApiTags('marketing-plans')
@Controller('api/v1/marketing-plans')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class MarketingPlanController extends PlanLifecycleRoutes({ planDto: MarketingPlanDto, write: Permission.MarketingWrite, idPipe: uuidParam, evaluateSummary: 'Record the evaluation (方案評價) of an executing plan whose campaigns are closed; it becomes evaluated' }) {
  constructor(
    protected readonly plans: MarketingPlanService,
    private readonly audit: AuditService,
  ) {
    super();
  }

  @Post()
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Draft a marketing plan (營銷方案); it starts as draft; the answer shows the latest evaluations of earlier plans' })
  @ApiCreatedResponse({ type: MarketingPlanDto })
  create(@Body() dto: CreateMarketingPlanDto, @Actor() actor: RequestActor): Promise<MarketingPlanDto> {
    return this.plans.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Query marketing plans by state, owner, period, title; paginated' })
  @ApiOkResponse({ type: MarketingPlanPageDto })
  list(@Query() q: ListMarketingPlansDto): Promise<MarketingPlanPageDto> {
    return this.plans.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Export marketing plans (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportMarketingPlansDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: MARKETING_PLAN_ENTITY, newValues: { format, filters } });
    await streamExport<ExportRow>(res, {
      format,
      title: '營銷方案 Marketing plans',
      filename: 'marketing-plans',
      rows: streamRawRows(this.plans.exportQuery(q)),
      columns: [
        { header: '標題 Title', value: val('title'), width: 30 },
        { header: '目標 Objective', value: val('objective'), width: 40 },
        { header: '起 From', value: val('period_from'), width: 10 },
        { header: '止 To', value: val('period_to'), width: 10 },
        { header: '負責人 Owner', value: val('owner_staff_id'), width: 38 },
        { header: '預算（分） Budget (fen)', value: (r) => (r.budget_fen === null ? null : Number(r.budget_fen)), width: 14 },
        { header: '對照組 % Control', value: val('control_group_percent'), width: 8 },
        { header: '狀態 State', value: val('state'), width: 10 },
        { header: '建立 Created', value: time('created_at'), width: 24 },
      ],
    });
  }

  @Get('evaluations')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'The latest plan evaluations, newest first: what a drafter reads before drafting the next plan' })
  @ApiOkResponse({ type: [EvaluationDto] })
  evaluations(@Query() q: LatestEvaluationsDto): Promise<EvaluationDto[]> {
    return this.plans.latestEvaluations(q.latest);
  }

  @Get(':id')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Read one plan with its transitions, stage results, evaluation and campaigns; a draft or revised plan also shows the latest evaluations of earlier plans' })
  @ApiOkResponse({ type: MarketingPlanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<MarketingPlanDto> {
    return this.plans.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Edit a draft or revised plan; `version` must be current' })
  @ApiOkResponse({ type: MarketingPlanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or the plan is no longer editable' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateMarketingPlanDto, @Actor() actor: RequestActor): Promise<MarketingPlanDto> {
    return this.plans.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Delete a draft plan' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The plan is past draft' })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.plans.remove(id, actor);
  }
}
