import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { AbnormalKind, AbnormalStatus, WatchService } from '../customer-watch.constants';

/** 異常客戶: one abnormal condition of a customer found by the rules, tracked until dismissed or closed. */
@Entity('abnormal_case')
@Check('abnormal_case_kind_check', `kind IN ('high_spend', 'low_spend', 'sudden_change', 'low_credit', 'high_arrears')`)
@Check('abnormal_case_service_check', `service IN ('all', 'voice', 'sms', 'data', 'iptv', 'broadband')`)
@Check('abnormal_case_status_check', `status IN ('open', 'confirmed', 'dismissed', 'closed')`)
@Check('abnormal_case_period_check', `extract(day from period) = 1`)
@Index('ux_abnormal_case_live', ['customerId', 'kind', 'service'], { unique: true, where: `status IN ('open', 'confirmed')` })
@Index('ix_abnormal_case_status_kind', ['status', 'kind', 'service'])
@Index('ix_abnormal_case_customer_period', ['customerId', 'period'])
export class AbnormalCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_abnormal_case_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 16 })
  kind: AbnormalKind;

  @Column({ type: 'varchar', length: 16 })
  service: WatchService;

  /** The billing month the rules evaluated (first day). */
  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  detectedAt: Date;

  /** Who ran the rules (username, or `system` for the scheduled job). */
  @Column({ type: 'varchar', length: 64 })
  detectedBy: string;

  /** The figures that triggered the rule (amounts in fen, thresholds, score source). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence: Record<string, unknown>;

  @Column({ type: 'varchar', length: 12, default: AbnormalStatus.Open })
  status: AbnormalStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
