import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode, rejectNulls } from '@crm/errors';
import { DEFAULT_CV_FOLDS, DEFAULT_CV_SEED } from './churn.constants';
import { churnInputFromRow } from './churn-input.mapper';
import { scoreChurn, trainChurnModel } from './churn-model.util';
import {
  CHURN_MODEL_ENTITY,
  CHURN_OPERATIONS_CONFIG,
  CHURN_RECORD_ENTITY,
  CHURN_RISK_ENTITY,
  ChurnDetectedBy,
  ChurnOperationsConfig,
  ChurnRecordStatus,
} from './churn-records.constants';
import { ChurnRepository, RiskRow } from './churn.repository';
import type { ChurnExample } from './churn.types';
import { crossValidateAuc } from './cross-validation.util';
import {
  ChurnModelSummaryDto,
  ChurnRecordFilterDto,
  ChurnRecordListItemDto,
  ChurnRecordPageDto,
  ChurnRecordResponseDto,
  ChurnRiskDto,
  ChurnRiskFilterDto,
  ChurnRiskPageDto,
  CreateChurnRecordDto,
  DetectionResultDto,
  ListChurnRecordsDto,
  ListChurnRiskDto,
  ScoreRunResultDto,
  UpdateChurnRecordDto,
} from './dto/churn.dto';
import { ChurnModelRecord, ChurnRecord } from './entities';
import { todayIn } from '@crm/federation';

const AUDIT_IDS = 500;
/** 00:00 of a calendar day in a time zone, as an instant. */
function zonedMidnight(day: string, tz: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(guess)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(guess.getTime() - (local - guess.getTime()));
}


/**
 * 流失管理: churn records (create, query, modify, delete, export), their automatic detection, and
 * the churn-risk model trained from the city's own history and the scores it gives active customers.
 */
@Injectable()
export class ChurnService {
  private readonly logger = new Logger(ChurnService.name);

  constructor(
    private readonly churn: ChurnRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CHURN_OPERATIONS_CONFIG) private readonly ops: ChurnOperationsConfig,
  ) {}

  today(): string {
    return todayIn(this.config.timezone);
  }

  // ── records ────────────────────────────────────────────────────────────────────────────

  async create(dto: CreateChurnRecordDto, actor: RequestActor): Promise<ChurnRecordResponseDto> {
    const saved = await this.churn.transaction(async (manager) => {
      if (!(await this.churn.customerExists(manager, dto.customerId))) throw DomainException.badRequest('customerId is not a customer of this city', [{ field: 'customerId', problem: 'unknown customer' }]);
      const r = new ChurnRecord();
      r.customerId = dto.customerId;
      r.type = dto.type;
      r.reason = dto.reason?.trim() || null;
      r.detectedBy = ChurnDetectedBy.Manual;
      r.detectedAt = dto.detectedAt ? (dto.detectedAt.length === 10 ? zonedMidnight(dto.detectedAt, this.config.timezone) : new Date(dto.detectedAt)) : new Date();
      if (r.detectedAt.getTime() > Date.now() + 60_000) throw DomainException.badRequest('detectedAt is in the future', [{ field: 'detectedAt', problem: 'must not be in the future' }]);
      r.period = `${dto.period ?? todayIn(this.config.timezone, r.detectedAt).slice(0, 7)}-01`;
      r.evidence = dto.evidence ?? {};
      r.status = dto.status ?? ChurnRecordStatus.Open;
      r.createdBy = actor.username;
      const row = await this.churn.saveRecord(manager, r);
      await this.audit.record(manager, actor, { action: 'create', entityType: CHURN_RECORD_ENTITY, entityId: row.id, newValues: auditView(row) });
      return row;
    });
    return toRecordDto(saved);
  }

  async get(id: string): Promise<ChurnRecordResponseDto> {
    const r = await this.churn.findRecord(id);
    if (!r) throw DomainException.notFound('Churn record', id);
    return toRecordDto(r);
  }

  async list(q: ListChurnRecordsDto): Promise<ChurnRecordPageDto> {
    const [rows, total] = await this.churn.listRecords(q);
    return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
  }

  exportRecords(q: ChurnRecordFilterDto) {
    return this.churn.exportRecords(q);
  }

  async update(id: string, dto: UpdateChurnRecordDto, actor: RequestActor): Promise<ChurnRecordResponseDto> {
    rejectNulls(dto, ['type', 'status', 'evidence']);
    const saved = await this.churn.transaction(async (manager) => {
      const r = await this.churn.lockRecord(manager, id);
      if (!r) throw DomainException.notFound('Churn record', id);
      if (r.version !== dto.version) {
        throw DomainException.conflict(`The churn record was changed meanwhile (version ${r.version}, not ${dto.version}); read it again`, [{ field: 'version', problem: `current version is ${r.version}` }]);
      }
      const before = auditView(r);
      if (dto.type !== undefined) r.type = dto.type;
      if (dto.reason !== undefined) r.reason = dto.reason?.trim() || null;
      if (dto.evidence !== undefined) r.evidence = dto.evidence;
      if (dto.status !== undefined) r.status = dto.status;
      const row = await this.churn.saveRecord(manager, r);
      const changes = changedFields(before, auditView(row));
      if (Object.keys(changes.newValues).length) await this.audit.record(manager, actor, { action: 'update', entityType: CHURN_RECORD_ENTITY, entityId: id, ...changes });
      return row;
    });
    return toRecordDto(saved);
  }

  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.churn.transaction(async (manager) => {
      const r = await this.churn.lockRecord(manager, id);
      if (!r) throw DomainException.notFound('Churn record', id);
      await this.churn.deleteRecord(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: CHURN_RECORD_ENTITY, entityId: id, oldValues: auditView(r) });
    });
  }

  // ── detection ──────────────────────────────────────────────────────────────────────────

  /** Runs the detection rules for the window ending with `asOf` (today when absent); idempotent per customer × period × type. */
  async detect(asOf: string | undefined, actor: RequestActor): Promise<DetectionResultDto> {
    const day = asOf ?? this.today();
    if (day > this.today()) throw DomainException.badRequest('asOf is in the future', [{ field: 'asOf', problem: 'must not be after today' }]);
    const period = `${day.slice(0, 7)}-01`;
    const tz = this.config.timezone;
    return this.churn.transaction(async (manager) => {
      const drop = await this.churn.detectUsageDrop(manager, day, tz, period, this.ops, actor.username);
      const gone = await this.churn.detectDisconnection(manager, day, tz, period, this.ops, actor.username);
      const created = [...drop.created, ...gone.created];
      if (created.length) {
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: CHURN_RECORD_ENTITY,
          newValues: { detection: day, period: day.slice(0, 7), usageDrop: drop.created.length, disconnection: gone.created.length, ids: created.slice(0, AUDIT_IDS).map((c) => c.id), truncated: created.length > AUDIT_IDS },
        });
      }
      const end = new Date(`${day}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const from = new Date(end.getTime() - this.ops.windowDays * 86_400_000);
      return {
        asOf: day,
        period: day.slice(0, 7),
        windowFrom: from.toISOString().slice(0, 10),
        windowTo: day,
        usageDrop: { matched: drop.matched, created: drop.created.length },
        disconnection: { matched: gone.matched, created: gone.created.length },
      };
    });
  }

  // ── model ──────────────────────────────────────────────────────────────────────────────

  /** Builds the training examples from the city's own customers (labels and reference times in ChurnRepository.trainingLabels). */
  async trainingExamples(): Promise<ChurnExample[]> {
    const labels = await this.churn.trainingLabels();
    const examples: ChurnExample[] = [];
    for (let i = 0; i < labels.length; i += this.ops.scoreBatchSize) {
      const batch = labels.slice(i, i + this.ops.scoreBatchSize);
      const churned = new Map(batch.map((l) => [l.customer_id, l.churned]));
      const rows = await this.churn.sourceRows(batch.map((l) => ({ customerId: l.customer_id, asOf: new Date(l.as_of) })));
      for (const row of rows) examples.push({ input: churnInputFromRow(row, new Date(row.as_of)), churned: churned.get(row.customer_id) === true });
    }
    return examples;
  }

  async train(actor: RequestActor): Promise<ChurnModelSummaryDto> {
    const examples = await this.trainingExamples();
    const churned = examples.filter((e) => e.churned).length;
    const retained = examples.length - churned;
    const needChurned = Math.max(this.ops.minChurnedForTraining, DEFAULT_CV_FOLDS);
    const needRetained = Math.max(this.ops.minRetainedForTraining, DEFAULT_CV_FOLDS);
    if (churned < needChurned || retained < needRetained) {
      throw DomainException.conflict(
        `Not enough history to train the churn-risk model: ${churned} churned (closed or with a confirmed churn record) and ${retained} retained active customers; at least ${needChurned} and ${needRetained} are needed`,
        [{ problem: `churned ${churned}/${needChurned}, retained ${retained}/${needRetained}` }],
      );
    }
    const cv = crossValidateAuc(
      examples,
      (e) => e.churned,
      (train) => {
        const m = trainChurnModel(train, this.ops.model);
        return (e) => scoreChurn(m, e.input).probability;
      },
      DEFAULT_CV_FOLDS,
      DEFAULT_CV_SEED,
    );
    const model = trainChurnModel(examples, this.ops.model);
    const saved = await this.churn.transaction(async (manager) => {
      const row = await this.churn.saveModel(manager, {
        trainedBy: actor.username,
        churnedCount: churned,
        retainedCount: retained,
        cvAuc: Math.round(cv.mean * 10_000) / 10_000,
        cvFolds: cv.folds.map((a) => Math.round(a * 10_000) / 10_000),
        model,
      });
      await this.audit.record(manager, actor, { action: 'create', entityType: CHURN_MODEL_ENTITY, entityId: String(row.version), newValues: { churnedCount: churned, retainedCount: retained, cvAuc: row.cvAuc } });
      return row;
    });
    this.logger.log({ version: saved.version, churned, retained, cvAuc: saved.cvAuc }, 'Churn-risk model trained');
    return toModelDto(saved);
  }

  async latestModel(): Promise<ChurnModelSummaryDto> {
    const m = await this.churn.findModel();
    if (!m) throw new DomainException(ErrorCode.NotFound, 'No churn-risk model has been trained yet; POST /api/v1/churn/model/train');
    return toModelDto(m);
  }

  /** Scores every active customer with the model (latest when absent), in batches; scores of customers no longer active are removed. */
  async score(modelVersion: number | undefined, actor: RequestActor): Promise<ScoreRunResultDto> {
    const m = await this.churn.findModel(modelVersion);
    if (!m) {
      if (modelVersion !== undefined) throw DomainException.badRequest(`There is no churn model version ${modelVersion}`, [{ field: 'modelVersion', problem: 'unknown model version' }]);
      throw DomainException.conflict('No churn-risk model has been trained yet; POST /api/v1/churn/model/train first');
    }
    const scoredAt = new Date();
    let scored = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await this.churn.activeCustomerIds(after, this.ops.scoreBatchSize);
      if (!ids.length) break;
      after = ids[ids.length - 1];
      const rows = await this.churn.sourceRows(ids.map((customerId) => ({ customerId, asOf: scoredAt })));
      const scores = rows.map((row) => {
        const s = scoreChurn(m.model, churnInputFromRow(row, scoredAt));
        return { customerId: row.customer_id, probability: s.probability, topFactors: s.factors };
      });
      await this.churn.upsertScores(scores, m.version, scoredAt);
      scored += scores.length;
    }
    const removed = await this.churn.removeScoresBefore(scoredAt);
    await this.audit.record(undefined, actor, { action: 'update', entityType: CHURN_RISK_ENTITY, newValues: { modelVersion: m.version, scored, removed } });
    return { modelVersion: m.version, scored, removed, scoredAt: scoredAt.toISOString() };
  }

  async riskOf(customerId: string): Promise<ChurnRiskDto> {
    if (!(await this.churn.customerKnown(customerId))) throw DomainException.notFound('Customer', customerId);
    const row = await this.churn.riskOf(customerId);
    if (!row) throw new DomainException(ErrorCode.NotFound, `Customer ${customerId} has no churn-risk score (not active, or not scored yet)`);
    return toRiskDto(row);
  }

  async listRisk(q: ListChurnRiskDto): Promise<ChurnRiskPageDto> {
    const [rows, total] = await this.churn.listRisk(q, q.page, q.pageSize);
    return { items: rows.map(toRiskDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportRisk(q: ChurnRiskFilterDto) {
    return this.churn.riskQuery(q);
  }
}


function auditView(r: ChurnRecord): Record<string, unknown> {
  return { customerId: r.customerId, type: r.type, reason: r.reason, detectedBy: r.detectedBy, period: r.period, status: r.status, evidence: r.evidence };
}

const iso = (d: Date | string): string => new Date(d).toISOString();

function toRecordDto(r: ChurnRecord): ChurnRecordResponseDto {
  return {
    id: r.id,
    customerId: r.customerId,
    type: r.type,
    reason: r.reason,
    detectedBy: r.detectedBy,
    detectedAt: iso(r.detectedAt),
    period: String(r.period).slice(0, 7),
    evidence: r.evidence,
    status: r.status,
    createdBy: r.createdBy,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

function toListItem(r: Record<string, unknown>): ChurnRecordListItemDto {
  return {
    id: r.id as string,
    customerId: r.customer_id as string,
    customerName: r.customer_name as string,
    districtCode: r.district_code as string,
    type: r.type as ChurnRecordListItemDto['type'],
    reason: (r.reason as string | null) ?? null,
    detectedBy: r.detected_by as ChurnRecordListItemDto['detectedBy'],
    detectedAt: iso(r.detected_at as Date),
    period: r.period as string,
    evidence: r.evidence as Record<string, unknown>,
    status: r.status as ChurnRecordListItemDto['status'],
    createdBy: r.created_by as string,
    version: r.version as number,
    createdAt: iso(r.created_at as Date),
    updatedAt: iso(r.updated_at as Date),
  };
}

function toModelDto(m: ChurnModelRecord): ChurnModelSummaryDto {
  const topWeights = m.model.featureNames
    .map((feature, i) => ({ feature, weight: Math.round(m.model.weights[i] * 10_000) / 10_000 }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 10);
  return { version: m.version, trainedAt: iso(m.trainedAt), trainedBy: m.trainedBy, churnedCount: m.churnedCount, retainedCount: m.retainedCount, cvAuc: m.cvAuc, cvFolds: m.cvFolds, topWeights };
}

function toRiskDto(r: RiskRow): ChurnRiskDto {
  return {
    customerId: r.customer_id,
    customerName: r.customer_name,
    districtCode: r.district_code,
    probability: Number(r.probability),
    topFactors: r.top_factors,
    modelVersion: r.model_version,
    scoredAt: iso(r.scored_at),
  };
}
