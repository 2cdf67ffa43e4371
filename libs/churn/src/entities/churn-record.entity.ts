import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { ChurnDetectedBy, ChurnRecordStatus, ChurnType } from '../churn-records.constants';

/** 流失記錄: one churn event of a customer, per (customer, period, type). */
@Entity('churn_record')
@Unique('ux_churn_record_customer_period_type', ['customerId', 'period', 'type'])
@Check('churn_record_type_check', `type IN ('disconnection', 'relocation', 'usage_drop', 'competitor')`)
@Check('churn_record_detected_by_check', `detected_by IN ('manual', 'rule')`)
@Check('churn_record_status_check', `status IN ('open', 'confirmed', 'dismissed')`)
@Check('churn_record_period_check', `extract(day from period) = 1`)
@Index('ix_churn_record_period_type_status', ['period', 'type', 'status'])
export class ChurnRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_churn_record_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 16 })
  type: ChurnType;

  /** 流失原因, free text. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 8 })
  detectedBy: ChurnDetectedBy;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  /** First day of the month the churn belongs to. */
  @Column({ type: 'date' })
  period: string;

  /** What the rule (or the person) saw: usage figures, subscriptions ended, … */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence: Record<string, unknown>;

  @Column({ type: 'varchar', length: 12, default: ChurnRecordStatus.Open })
  status: ChurnRecordStatus;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
