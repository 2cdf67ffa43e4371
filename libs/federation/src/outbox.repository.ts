import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { batchKey } from './protocol/fact-row.util';
import { OutboxBatch } from './entities/outbox-batch.entity';

@Injectable()
export class OutboxRepository {
  constructor(@InjectRepository(OutboxBatch) private readonly outbox: Repository<OutboxBatch>) {}

  /** Adds a batch for `targetNode` inside the caller's transaction; a batch already queued is kept. */
  async add(manager: EntityManager, targetNode: string, batch: FactBatchDto, correlationId: string): Promise<string> {
    const key = batchKey(batch);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxBatch)
      .values({
        batchKey: key,
        targetNode,
        originNode: batch.originNode,
        metricSet: batch.metricSet,
        period: batch.period,
        version: batch.version,
        rowCount: batch.rows.length,
        payload: batch,
        correlationId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if (inserted.raw.length) return inserted.raw[0].id;
    return (await manager.findOneByOrFail(OutboxBatch, { batchKey: key })).id;
  }

  findById(id: string): Promise<OutboxBatch | null> {
    return this.outbox.findOneBy({ id });
  }

  async markAttempt(id: string, error: string | null, status?: 'delivered' | 'rejected'): Promise<void> {
    await this.outbox
      .createQueryBuilder()
      .update()
      .set({
        attempts: () => 'attempts + 1',
        lastError: error,
        ...(status ? { status } : {}),
        ...(status === 'delivered' ? { deliveredAt: () => 'now()' } : {}),
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  /** Pending batches older than `olderThanMs`, oldest first (for the sweeper). */
  findPending(olderThanMs: number, limit: number): Promise<Pick<OutboxBatch, 'id' | 'correlationId'>[]> {
    return this.outbox
      .createQueryBuilder('o')
      .select(['o.id', 'o.correlationId'])
      .where(`o.status = 'pending' AND o.created_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async list(status: string | undefined, page: number, pageSize: number): Promise<[OutboxBatch[], number]> {
    return this.outbox.findAndCount({
      where: status ? { status: status as OutboxBatch['status'] } : {},
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: ['id', 'batchKey', 'targetNode', 'originNode', 'metricSet', 'period', 'version', 'rowCount', 'status', 'attempts', 'lastError', 'createdAt', 'deliveredAt'],
    });
  }
}
