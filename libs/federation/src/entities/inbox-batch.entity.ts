import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type InboxOutcome = 'applied' | 'stale';

/** A batch received from a child node, stored before it is acknowledged, applied by a job. */
@Entity('inbox_batch')
@Check('inbox_batch_outcome_check', `outcome IN ('applied', 'stale')`)
@Index('ix_inbox_batch_source_received', ['sourceNode', 'receivedAt'])
@Index('ix_inbox_batch_unapplied', ['receivedAt'], { where: 'applied_at IS NULL' })
export class InboxBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  batchKey: string;

  @Column({ type: 'char', length: 6 })
  sourceNode: string;

  @Column({ type: 'char', length: 6 })
  originNode: string;

  @Column({ type: 'varchar', length: 64 })
  metricSet: string;

  @Column({ type: 'varchar', length: 8 })
  periodType: string;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'integer' })
  rowCount: number;

  @Column({ type: 'jsonb' })
  rows: unknown[];

  @Column({ type: 'timestamptz' })
  producedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  outcome: InboxOutcome | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;
}
