import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import type { ChurnFactor } from '../churn.types';
import { ChurnModelRecord } from './churn-model-record.entity';
import { numberTransformer } from './number.transformer';

/** The current churn-risk score of an active customer (one row per customer, replaced by each scoring run). */
@Entity('churn_risk_score')
@Index('ix_churn_risk_score_probability', ['probability'])
export class ChurnRiskScore {
  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_churn_risk_score_customer' })
  customer?: Customer;

  @Column({ type: 'timestamptz' })
  scoredAt: Date;

  /** Probability of churn, 0–1. */
  @Column({ type: 'numeric', precision: 7, scale: 6, transformer: numberTransformer })
  probability: number;

  /** The factors driving it, strongest first (ChurnFactor[]). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  topFactors: ChurnFactor[];

  @Column({ type: 'integer' })
  modelVersion: number;

  @ManyToOne(() => ChurnModelRecord, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_version', referencedColumnName: 'version', foreignKeyConstraintName: 'fk_churn_risk_score_model' })
  model?: ChurnModelRecord;
}
