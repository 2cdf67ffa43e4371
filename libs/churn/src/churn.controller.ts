import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { CHURN_RECORD_ENTITY, CHURN_RISK_ENTITY } from './churn-records.constants';
import { ChurnService } from './churn.service';
import {
  ChurnModelSummaryDto,
  ChurnRecordPageDto,
  ChurnRecordResponseDto,
  ChurnRiskDto,
  ChurnRiskPageDto,
  CreateChurnRecordDto,
  DetectChurnDto,
  DetectionResultDto,
  ExportChurnRecordsDto,
  ExportChurnRiskDto,
  ListChurnRecordsDto,
  ListChurnRiskDto,
  ScoreChurnDto,
  ScoreRunResultDto,
  UpdateChurnRecordDto,
} from './dto/churn.dto';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });
type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;
const time = (key: string) => (r: Row): string | null => (r[key] ? new Date(r[key] as string).toISOString() : null);
const factors = (r: Row): string =>
  ((r.top_factors as { feature: string; contribution: number }[] | null) ?? []).map((f) => `${f.feature} ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(3)}`).join('; ');

@ApiTags('churn')
@Controller('api/v1/churn')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ChurnController {
  constructor(
    private readonly churn: ChurnService,
    private readonly audit: AuditService,
  ) {}

  @Post('records')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Record a churn (流失記錄) by hand' })
  @ApiCreatedResponse({ type: ChurnRecordResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The customer already has a record of this type for this period' })
  create(@Body() dto: CreateChurnRecordDto, @Actor() actor: RequestActor): Promise<ChurnRecordResponseDto> {
    return this.churn.create(dto, actor);
  }

  @Get('records')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Query churn records by type, reason, period, status, district, paginated' })
  @ApiOkResponse({ type: ChurnRecordPageDto })
  list(@Query() q: ListChurnRecordsDto): Promise<ChurnRecordPageDto> {
    return this.churn.list(q);
  }

  @Get('records/export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export churn records (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async exportRecords(@Query() q: ExportChurnRecordsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: CHURN_RECORD_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '流失記錄 Churn records',
      filename: 'churn-records',
      rows: streamRawRows(this.churn.exportRecords(q)),
      columns: [
        { header: '客戶 Customer', value: val('customer_id'), width: 38 },
        { header: '姓名 Name', value: val('customer_name'), width: 16 },
        { header: '區 District', value: val('district_code'), width: 10 },
        { header: '類型 Type', value: val('type'), width: 14 },
        { header: '原因 Reason', value: val('reason'), width: 40 },
        { header: '來源 Detected by', value: val('detected_by'), width: 10 },
        { header: '發現時間 Detected at', value: time('detected_at'), width: 26 },
        { header: '期間 Period', value: val('period'), width: 10 },
        { header: '狀態 Status', value: val('status'), width: 10 },
      ],
    });
  }

  @Get('records/:id')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Read one churn record' })
  @ApiOkResponse({ type: ChurnRecordResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string): Promise<ChurnRecordResponseDto> {
    return this.churn.get(id);
  }

  @Patch('records/:id')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Modify a churn record (confirm or dismiss it, correct type or reason); `version` must be current' })
  @ApiOkResponse({ type: ChurnRecordResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or the type change collides with another record' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateChurnRecordDto, @Actor() actor: RequestActor): Promise<ChurnRecordResponseDto> {
    return this.churn.update(id, dto, actor);
  }

  @Delete('records/:id')
  @HttpCode(204)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Delete a churn record' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async remove(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.churn.remove(id, actor);
  }

  @Post('detect')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Run the detection rules (usage drop against own baseline, disconnection) for the 30 days ending asOf; idempotent' })
  @ApiOkResponse({ type: DetectionResultDto })
  detect(@Body() dto: DetectChurnDto, @Actor() actor: RequestActor): Promise<DetectionResultDto> {
    return this.churn.detect(dto.asOf, actor);
  }

  @Post('model/train')
  @HttpCode(201)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: "Train the churn-risk model on the city's own churned and retained customers, with its 5-fold CV AUC" })
  @ApiCreatedResponse({ type: ChurnModelSummaryDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Too few churned or retained customers' })
  train(@Actor() actor: RequestActor): Promise<ChurnModelSummaryDto> {
    return this.churn.train(actor);
  }

  @Get('model')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'The model in use (latest trained)' })
  @ApiOkResponse({ type: ChurnModelSummaryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  model(): Promise<ChurnModelSummaryDto> {
    return this.churn.latestModel();
  }

  @Post('score')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Score every active customer now (synchronous, batched; the nightly job does the same)' })
  @ApiOkResponse({ type: ScoreRunResultDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'No model trained yet' })
  score(@Body() dto: ScoreChurnDto, @Actor() actor: RequestActor): Promise<ScoreRunResultDto> {
    return this.churn.score(dto.modelVersion, actor);
  }

  @Get('risk')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Churn-risk scores, highest first, with the factors driving them' })
  @ApiOkResponse({ type: ChurnRiskPageDto })
  risk(@Query() q: ListChurnRiskDto): Promise<ChurnRiskPageDto> {
    return this.churn.listRisk(q);
  }

  @Get('risk/export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export churn-risk scores (CSV, XLSX or printable HTML), highest first' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async exportRisk(@Query() q: ExportChurnRiskDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: CHURN_RISK_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '流失風險 Churn risk',
      filename: 'churn-risk',
      rows: streamRawRows(this.churn.exportRisk(q)),
      columns: [
        { header: '客戶 Customer', value: val('customer_id'), width: 38 },
        { header: '姓名 Name', value: val('customer_name'), width: 16 },
        { header: '區 District', value: val('district_code'), width: 10 },
        { header: '流失概率 Probability', value: (r) => Number(r.probability), width: 12 },
        { header: '主要因素 Factors', value: factors, width: 60 },
        { header: '模型 Model', value: val('model_version'), width: 8 },
        { header: '評分時間 Scored at', value: time('scored_at'), width: 26 },
      ],
    });
  }
}

@ApiTags('churn')
@Controller('api/v1/customers')
export class CustomerChurnRiskController {
  constructor(private readonly churn: ChurnService) {}

  @Get(':id/churn-risk')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: "A customer's churn-risk score and the factors driving it" })
  @ApiOkResponse({ type: ChurnRiskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown customer, or not scored (not active, or no run yet)' })
  get(@Param('id', uuid) id: string): Promise<ChurnRiskDto> {
    return this.churn.riskOf(id);
  }
}
