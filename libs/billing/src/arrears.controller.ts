import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { ARREAR_ENTITY, ArrearsService } from './arrears.service';
import { exportRows, num, val } from './billing-export.util';
import { uuidParam } from './billing-param.util';
import { BillingQueueService, DUNNING_RUN_ID } from './billing-queue.service';
import { ArrearPageDto, ArrearResponseDto, DunningRunDto } from './dto/arrear-response.dto';
import { StartDunningRunDto } from './dto/dunning-run.dto';
import { ExportArrearsDto } from './dto/export.dto';
import { ListArrearsDto } from './dto/list-arrears.dto';
import { UpdateArrearDto } from './dto/update-arrear.dto';

@ApiTags('arrears')
@Controller('api/v1/arrears')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ArrearsController {
  constructor(
    private readonly arrears: ArrearsService,
    private readonly queue: BillingQueueService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Query arrears (欠費) by amount range, since, status, service, district, suspension; paginated' })
  @ApiOkResponse({ type: ArrearPageDto })
  list(@Query() q: ListArrearsDto): Promise<ArrearPageDto> {
    return this.arrears.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export arrears (CSV, XLSX or printable HTML) with the list filters (欠費清單)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportArrearsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: ARREAR_ENTITY,
      format: q.format,
      title: '欠費清單 Arrears',
      filename: 'arrears',
      filters: q,
      query: this.arrears.exportQuery(q),
      columns: [
        { header: '賬號 Account number', value: val('account_number'), width: 22 },
        { header: '客戶名稱 Customer', value: val('customer_name') },
        { header: '區縣 District', value: val('district_code'), width: 10 },
        { header: '業務 Service', value: val('service'), width: 10 },
        { header: '欠費金額 Amount (fen)', value: num('amount_fen') },
        { header: '欠費起始 Since', value: val('since'), width: 12 },
        { header: '回收狀態 Status', value: val('status'), width: 12 },
        { header: '回收日期 Recovered on', value: val('recovered_on'), width: 12 },
        { header: '催繳方式 Dunning', value: val('dunning_method'), width: 10 },
        { header: '催繳次數 Attempts', value: num('dunning_count'), width: 10 },
        { header: '最近催繳 Last dunned', value: val('last_dunned_at'), width: 24 },
        { header: '停機 Suspended', value: val('suspended'), width: 10 },
      ],
    });
  }

  @Post('dunning-runs')
  @HttpCode(202)
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Start a dunning run now (催繳): regenerate arrears, machine reminders, manual tasks, suspension flags; runs on the worker' })
  @ApiAcceptedResponse({ type: DunningRunDto })
  async startRun(@Body() dto: StartDunningRunDto, @Actor() actor: RequestActor): Promise<DunningRunDto> {
    if (dto.asOf && dto.asOf > this.arrears.today()) throw DomainException.badRequest('asOf is in the future', [{ field: 'asOf', problem: 'must not be after today' }]);
    return this.queue.startDunningRun(dto.asOf, actor.username, actor.requestId);
  }

  @Get('dunning-runs/:jobId')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'State and result of a dunning run started from the API' })
  @ApiOkResponse({ type: DunningRunDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async run(@Param('jobId') jobId: string): Promise<DunningRunDto> {
    if (!DUNNING_RUN_ID.test(jobId)) throw new DomainException(ErrorCode.ValidationFailed, 'jobId is not a dunning run id', [{ field: 'jobId', problem: 'must look like dunning-run-<uuid>' }]);
    const run = await this.queue.dunningRun(jobId);
    if (!run) throw DomainException.notFound('Dunning run', jobId);
    return run;
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Read one arrear' })
  @ApiOkResponse({ type: ArrearResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string): Promise<ArrearResponseDto> {
    return this.arrears.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Write off a live arrear (核銷) or set / lift its suspension flag; `version` must be current' })
  @ApiOkResponse({ type: ArrearResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or the arrear is recovered / written off' })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateArrearDto, @Actor() actor: RequestActor): Promise<ArrearResponseDto> {
    return this.arrears.update(id, dto, actor);
  }
}
