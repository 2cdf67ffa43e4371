import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { FactorValue } from '../scoring.formulas';
import { ScoreKind, ScoreSource } from '../scoring.constants';
import { scoreTransformer } from './numeric.transformer';

/** A score value that a newer value of the same (customer, kind, period) replaced, as it was. */
@Entity('customer_score_history')
@Index('ix_customer_score_history_customer', ['customerId', 'kind', 'period'])
export class CustomerScoreHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_score_history_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 12 })
  kind: ScoreKind;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: scoreTransformer })
  score: number;

  @Column({ type: 'varchar', length: 24 })
  band: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  factors: Record<string, FactorValue>;

  @Column({ type: 'boolean', default: false })
  badRecord: boolean;

  @Column({ type: 'varchar', length: 8 })
  source: ScoreSource;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  computedBy: string;

  /** When and by whom it was replaced. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  replacedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  replacedBy: string;
}
