import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One additive fact row: origin × fact set × period × dimension values → measures. */
@Entity('fact')
@Index('ux_fact_identity', ['originNode', 'metricSet', 'periodType', 'period', 'dimsKey'], { unique: true })
@Index('ix_fact_metric_period', ['metricSet', 'periodType', 'period'])
export class Fact {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'char', length: 6 })
  originNode: string;

  @Column({ type: 'varchar', length: 64 })
  metricSet: string;

  @Column({ type: 'varchar', length: 8 })
  periodType: string;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'text' })
  dimsKey: string;

  @Column({ type: 'jsonb' })
  dims: Record<string, string>;

  @Column({ type: 'jsonb' })
  measures: Record<string, number>;
}
