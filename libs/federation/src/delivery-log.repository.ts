import { ObjectLiteral, Repository } from 'typeorm';
import { DeliveryState } from './entities/delivery-state';

/** Delivery bookkeeping shared by the outbox tables (fact batches, node messages). */
export abstract class DeliveryLogRepository<T extends DeliveryState & { id: string } & ObjectLiteral> {
  protected constructor(protected readonly rows: Repository<T>) {}

  findById(id: string): Promise<T | null> {
    return this.rows.findOneBy({ id } as never);
  }

  /** Counts an attempt of a pending row; `status` ends it (delivered, or rejected for good). */
  async markAttempt(id: string, error: string | null, status?: 'delivered' | 'rejected'): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({
        attempts: () => 'attempts + 1',
        lastError: error,
        ...(status ? { status } : {}),
        ...(status === 'delivered' ? { deliveredAt: () => 'now()' } : {}),
      } as never)
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  /** Pending rows older than `olderThanMs`, oldest first (for the sweeper). */
  findPending(olderThanMs: number, limit: number): Promise<Pick<T, 'id' | 'correlationId'>[]> {
    return this.rows
      .createQueryBuilder('o')
      .select(['o.id', 'o.correlationId'])
      .where(`o.status = 'pending' AND o.created_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }
}
