import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Customer } from '@crm/customer';
import { FactorValue } from '../scoring.formulas';
import { ScoreKind, ScoreSource } from '../scoring.constants';
import { scoreTransformer } from './numeric.transformer';

/**
 * A customer's current score of one kind for one period (a month, stored as its first day): one
 * row per (customer, kind, period). A new value (recomputed, set by hand, or from a survey) replaces
 * it; the replaced value moves to `customer_score_history`.
 */
@Entity('customer_score')
@Unique('ux_customer_score_customer_kind_period', ['customerId', 'kind', 'period'])
@Check('customer_score_kind_check', `kind IN ('satisfaction', 'loyalty', 'credit')`)
@Check('customer_score_source_check', `source IN ('computed', 'manual', 'survey')`)
@Check('customer_score_score_check', `score >= 0 AND score <= 100`)
@Check('customer_score_period_check', `extract(day from period) = 1`)
@Index('ix_customer_score_kind_period_band', ['kind', 'period', 'band'])
export class CustomerScore {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_score_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 12 })
  kind: ScoreKind;

  /** First day of the month scored. */
  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: scoreTransformer })
  score: number;

  /** very_satisfied … very_dissatisfied, very_loyal … very_disloyal, or red / grey / black. */
  @Column({ type: 'varchar', length: 24 })
  band: string;

  /** Each factor's sub-score and weighted contribution; `{}` for a manual value. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  factors: Record<string, FactorValue>;

  /** Bad record (suspension or write-off) behind a black-listed credit score. */
  @Column({ type: 'boolean', default: false })
  badRecord: boolean;

  @Column({ type: 'varchar', length: 8 })
  source: ScoreSource;

  /** Why a manual value was set. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;

  /** Username (or `system`) that computed or set it. */
  @Column({ type: 'varchar', length: 64 })
  computedBy: string;
}
