import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Which version of one origin's fact set for one period this node holds. Besides the key (origin
 * first), an index by fact set and period serves the scope-wide reads of analyses (latest period,
 * freshness) at a node holding hundreds of cities.
 */
@Entity('fact_slice')
@Index('ix_fact_slice_metric_period', ['metricSet', 'period'])
export class FactSlice {
  @PrimaryColumn({ type: 'char', length: 6 })
  originNode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  metricSet: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  periodType: string;

  @PrimaryColumn({ type: 'date' })
  period: string;

  /** 0 = placeholder row taken only to lock the slice. */
  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ type: 'integer', default: 0 })
  rowCount: number;

  @Column({ type: 'char', length: 6, nullable: true })
  sourceNode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  producedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
