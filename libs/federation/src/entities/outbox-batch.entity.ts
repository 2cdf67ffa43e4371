import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FactBatchDto } from '../protocol/fact-batch.dto';
import { DeliveryState } from './delivery-state';

export type { OutboxStatus } from './delivery-state';

/** A batch waiting to be (or already) delivered to another node; written in the same transaction as its facts. */
@Entity('outbox_batch')
@Check('outbox_batch_status_check', `status IN ('pending', 'delivered', 'rejected')`)
@Index('ix_outbox_batch_pending', ['createdAt'], { where: `status = 'pending'` })
export class OutboxBatch extends DeliveryState {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  batchKey: string;

  @Column({ type: 'char', length: 6 })
  targetNode: string;

  @Column({ type: 'char', length: 6 })
  originNode: string;

  @Column({ type: 'varchar', length: 64 })
  metricSet: string;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'integer' })
  rowCount: number;

  /** The request body exactly as it will be sent. */
  @Column({ type: 'jsonb' })
  payload: FactBatchDto;
}
