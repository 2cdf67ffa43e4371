import { Column, CreateDateColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'delivered' | 'rejected';

/**
 * What every outbox row (fact batches, node messages) records about its delivery; the concrete
 * entities extend it, each with its own table.
 */
export abstract class DeliveryState {
  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
