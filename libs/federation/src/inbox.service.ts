import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { isWithinDivision, NODE_CONFIG, NodeConfig, tierOfDivisionCode } from '@crm/config';
import { DomainException, ErrorCode, ErrorDetail } from '@crm/errors';
import { InboxBatch } from './entities/inbox-batch.entity';
import { FederationQueueService } from './federation-queue.service';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { FACT_SET_BY_NAME } from './protocol/fact-set.catalogue';
import { batchKey, contentHash, dimsKey } from './protocol/fact-row.util';
import { isValidDay } from './period.util';
import { SecurityEventRepository } from './security-event.repository';

export interface InboxReceipt {
  batchKey: string;
  status: 'accepted' | 'duplicate';
}

/** Receives batches from children: checks who may send what, stores once, then queues the apply. */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InboxBatch) private readonly inbox: Repository<InboxBatch>,
    private readonly queues: FederationQueueService,
    private readonly events: SecurityEventRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async receive(batch: FactBatchDto, sender: string, ctx: { path: string; requestId: string; remoteAddress?: string }): Promise<InboxReceipt> {
    await this.authorize(batch, sender, ctx);
    this.validateContent(batch);
    const key = batchKey(batch);
    const inserted = await this.inbox
      .createQueryBuilder()
      .insert()
      .values({
        batchKey: key,
        sourceNode: batch.sourceNode,
        originNode: batch.originNode,
        metricSet: batch.metricSet,
        periodType: batch.periodType,
        period: batch.period,
        version: batch.version,
        contentHash: batch.contentHash,
        rowCount: batch.rows.length,
        rows: batch.rows,
        producedAt: new Date(batch.producedAt),
        correlationId: ctx.requestId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    let id: string;
    let status: InboxReceipt['status'] = 'accepted';
    if (inserted.raw.length) id = inserted.raw[0].id;
    else {
      const existing = await this.inbox.findOneOrFail({ where: { batchKey: key }, select: ['id', 'contentHash', 'appliedAt'] });
      if (existing.contentHash !== batch.contentHash) {
        throw DomainException.conflict(`Batch ${key} was already received with different content`);
      }
      id = existing.id;
      status = 'duplicate';
      if (existing.appliedAt) return { batchKey: key, status };
    }
    try {
      await this.queues.enqueueApply(id, ctx.requestId);
    } catch (err) {
      this.logger.warn({ err, batchKey: key }, 'Stored the batch but could not queue its apply now; the sweeper will');
    }
    return { batchKey: key, status };
  }

  /** A node publishes only as itself, and only data of its own area. */
  private async authorize(batch: FactBatchDto, sender: string, ctx: { path: string; requestId: string; remoteAddress?: string }): Promise<void> {
    let problem: string | undefined;
    if (batch.sourceNode !== sender) problem = `Node ${sender} cannot publish as ${batch.sourceNode}`;
    else if (tierOfDivisionCode(sender) === 'city' && batch.originNode !== sender) problem = `City ${sender} cannot publish data of ${batch.originNode}`;
    else if (tierOfDivisionCode(sender) === 'province' && !(tierOfDivisionCode(batch.originNode) === 'city' && isWithinDivision(batch.originNode, sender))) {
      problem = `Province ${sender} cannot publish data of ${batch.originNode}, which is not one of its cities`;
    }
    if (!problem) return;
    await this.events.record({ reason: 'impersonation', claimedNode: sender, path: ctx.path, remoteAddress: ctx.remoteAddress, detail: problem, requestId: ctx.requestId });
    throw new DomainException(ErrorCode.NodeNotAuthorized, problem);
  }

  private validateContent(batch: FactBatchDto): void {
    const def = FACT_SET_BY_NAME.get(batch.metricSet);
    if (!def) throw DomainException.badRequest(`Unknown fact set ${batch.metricSet}`, [{ field: 'metricSet', problem: 'unknown fact set' }]);
    const details: ErrorDetail[] = [];
    if (def.periodType !== batch.periodType) details.push({ field: 'periodType', problem: `${def.name} is published per ${def.periodType}` });
    if (!isValidDay(batch.period)) details.push({ field: 'period', problem: 'not a calendar date' });
    if (!/^\d{4}-\d{2}-\d{2}T/.test(batch.producedAt) || Number.isNaN(Date.parse(batch.producedAt))) details.push({ field: 'producedAt', problem: 'not a date-time' });
    else if (batch.periodType === 'month' && !batch.period.endsWith('-01')) details.push({ field: 'period', problem: 'a month period is its first day' });
    const seen = new Set<string>();
    const sameKeys = (o: Record<string, unknown>, keys: readonly string[]): boolean =>
      Object.keys(o).length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
    batch.rows.forEach((row, i) => {
      if (!sameKeys(row.dims, def.dimensions) || !Object.values(row.dims).every((v) => typeof v === 'string' && v.length <= 100)) {
        details.push({ field: `rows.${i}.dims`, problem: `must have exactly the string dimensions ${def.dimensions.join(', ')}` });
      }
      if (!sameKeys(row.measures, def.measures) || !Object.values(row.measures).every((v) => typeof v === 'number' && Number.isSafeInteger(v))) {
        details.push({ field: `rows.${i}.measures`, problem: `must have exactly the integer measures ${def.measures.join(', ')}` });
      }
      const k = dimsKey(row.dims);
      if (seen.has(k)) details.push({ field: `rows.${i}.dims`, problem: 'duplicate dimension values in the batch' });
      seen.add(k);
    });
    if (details.length) throw new DomainException(ErrorCode.ValidationFailed, 'Batch content is invalid', details.slice(0, 50));
    if (contentHash(batch.rows) !== batch.contentHash) {
      throw DomainException.badRequest('contentHash does not match the rows', [{ field: 'contentHash', problem: 'mismatch' }]);
    }
  }
}
