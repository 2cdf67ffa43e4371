import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, PipeTransform, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { streamExport, streamRawRows } from '@crm/export';
import { CreditListQueryDto, CustomerScoresQueryDto, ExportCreditListDto, ListScoresDto, ScoreSummaryQueryDto } from './dto/score-query.dto';
import { CreditListPageDto, CustomerScoresDto, RecomputeResultDto, ScoreDto, ScorePageDto, ScoreSummaryDto, SurveyResultDto } from './dto/score-response.dto';
import { CreateSurveyDto, RecomputeScoresDto, SetScoreDto } from './dto/score-write.dto';
import { BAND_LABELS, CREDIT_LISTS, CreditList, CUSTOMER_SCORE_ENTITY, SCORE_KINDS, ScoreBand, ScoreKind } from './scoring.constants';
import { ScoringService } from './scoring.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

/** A path parameter that must be one of `values` (400 naming it otherwise). */
function oneOf<T extends string>(field: string, values: readonly T[]): PipeTransform<string, T> {
  return {
    transform(value: string): T {
      if (!(values as readonly string[]).includes(value)) {
        throw new DomainException(ErrorCode.ValidationFailed, `${field} must be one of ${values.join(', ')}`, [{ field, problem: `must be one of ${values.join(', ')}` }]);
      }
      return value as T;
    },
  };
}
const kindPipe = oneOf<string>('kind', SCORE_KINDS);
const listPipe = oneOf<string>('list', CREDIT_LISTS);

type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;

@ApiTags('scores')
@Controller('api/v1')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ScoringController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly audit: AuditService,
  ) {}

  @Get('customers/:id/scores')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: "A customer's scores per period, with the values they replaced (history)" })
  @ApiOkResponse({ type: CustomerScoresDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  customerScores(@Param('id', uuid) id: string, @Query() q: CustomerScoresQueryDto): Promise<CustomerScoresDto> {
    return this.scoring.customerScores(id, q);
  }

  @Put('customers/:id/scores/:kind')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Set (initialise or correct) a score by hand, with a reason (audited)' })
  @ApiParam({ name: 'kind', enum: SCORE_KINDS })
  @ApiOkResponse({ type: ScoreDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  setScore(@Param('id', uuid) id: string, @Param('kind', kindPipe) kind: string, @Body() dto: SetScoreDto, @Actor() actor: RequestActor): Promise<ScoreDto> {
    return this.scoring.setManual(id, kind as ScoreKind, dto, actor);
  }

  @Get('scores')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Query scores by kind, period, band, segment (customer type), district or customer, paginated' })
  @ApiOkResponse({ type: ScorePageDto })
  list(@Query() q: ListScoresDto): Promise<ScorePageDto> {
    return this.scoring.list(q);
  }

  @Get('scores/summary')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Per segment (customer type or district): count, Σ score, average and band counts of current customers for a period' })
  @ApiOkResponse({ type: ScoreSummaryDto })
  summary(@Query() q: ScoreSummaryQueryDto): Promise<ScoreSummaryDto> {
    return this.scoring.summary(q);
  }

  @Post('scores/recompute')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Recompute scores now for a bounded list of customers (default: all, if at most recomputeMaxCustomers)' })
  @ApiOkResponse({ type: RecomputeResultDto })
  recompute(@Body() dto: RecomputeScoresDto, @Actor() actor: RequestActor): Promise<RecomputeResultDto> {
    return this.scoring.recompute(dto, actor);
  }

  @Post('satisfaction-surveys')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: "Record a satisfaction survey (nine factors, 0–100); recomputes the customer's satisfaction for its period" })
  @ApiCreatedResponse({ type: SurveyResultDto })
  survey(@Body() dto: CreateSurveyDto, @Actor() actor: RequestActor): Promise<SurveyResultDto> {
    return this.scoring.recordSurvey(dto, actor);
  }

  @Get('credit-lists/:list')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Red / grey / black credit list (紅/灰/黑名單); black includes former (closed) customers' })
  @ApiParam({ name: 'list', enum: CREDIT_LISTS })
  @ApiOkResponse({ type: CreditListPageDto })
  creditList(@Param('list', listPipe) list: string, @Query() q: CreditListQueryDto): Promise<CreditListPageDto> {
    return this.scoring.creditList(list as CreditList, q);
  }

  @Get('credit-lists/:list/export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export or print a credit list (CSV, XLSX or printable HTML)' })
  @ApiParam({ name: 'list', enum: CREDIT_LISTS })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Param('list', listPipe) list: string, @Query() q: ExportCreditListDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: CUSTOMER_SCORE_ENTITY, newValues: { list, format, filters } });
    await streamExport<Row>(res, {
      format,
      title: `${BAND_LABELS[list as CreditList]} Credit list: ${list}`,
      filename: `credit-list-${list}`,
      rows: streamRawRows(this.scoring.creditListExport(list as CreditList, filters)),
      columns: [
        { header: '客戶編號 Customer', value: val('customer_id'), width: 38 },
        { header: '客戶名稱 Name', value: val('customer_name'), width: 24 },
        { header: '客戶分類 Type', value: val('customer_type'), width: 18 },
        { header: '地區 District', value: val('district_code'), width: 10 },
        { header: '已銷戶 Former', value: (r) => (r.deleted_at ? 'yes' : 'no'), width: 8 },
        { header: '期間 Period', value: val('period'), width: 10 },
        { header: '信用度 Score', value: (r) => Number(r.score), width: 10 },
        { header: '名單 List', value: (r) => BAND_LABELS[r.band as ScoreBand] ?? String(r.band), width: 10 },
        { header: '不良記錄 Bad record', value: (r) => (r.bad_record ? 'yes' : 'no'), width: 10 },
        { header: '來源 Source', value: val('source'), width: 10 },
        { header: '計算時間 Computed', value: (r) => (r.computed_at ? new Date(r.computed_at as string).toISOString() : null), width: 24 },
      ],
    });
  }
}
