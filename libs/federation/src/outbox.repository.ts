import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { batchKey } from './protocol/fact-row.util';
import { DeliveryLogRepository } from './delivery-log.repository';
import { OutboxBatch } from './entities/outbox-batch.entity';

@Injectable()
export class OutboxRepository extends DeliveryLogRepository<OutboxBatch> {
  constructor(@InjectRepository(OutboxBatch) outbox: Repository<OutboxBatch>) {
    super(outbox);
  }

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

  async list(status: string | undefined, page: number, pageSize: number): Promise<[OutboxBatch[], number]> {
    return this.rows.findAndCount({
      where: status ? { status: status as OutboxBatch['status'] } : {},
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: ['id', 'batchKey', 'targetNode', 'originNode', 'metricSet', 'period', 'version', 'rowCount', 'status', 'attempts', 'lastError', 'createdAt', 'deliveredAt'],
    });
  }
}
