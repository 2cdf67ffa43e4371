import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { ArrearStatus, DunningMethod, ServiceKind } from '../billing.constants';
import { fenColumn } from '../money.util';
import { Account } from './account.entity';

/**
 * 欠費: what an account owes for one service on overdue bills. Generated and kept current from
 * the bills by ArrearsService (scheduled and after every payment); at most one live
 * (open / in_dunning) arrear per account and service. A recovered or written-off arrear is kept
 * as history; a later debt opens a new one.
 */
@Entity('arrear')
@Check('arrear_status_check', `status IN ('open', 'in_dunning', 'recovered', 'written_off')`)
@Check('arrear_service_check', `service IN ('voice', 'sms', 'data', 'iptv', 'broadband')`)
@Check('arrear_dunning_method_check', `dunning_method IN ('machine', 'manual')`)
@Check('arrear_amount_fen_check', `amount_fen >= 0`)
@Index('ux_arrear_live', ['accountId', 'service'], { unique: true, where: `status IN ('open', 'in_dunning')` })
@Index('ix_arrear_customer', ['customerId'])
@Index('ix_arrear_status_since', ['status', 'since'])
export class Arrear {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_arrear_account' })
  account?: Account;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_arrear_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 16 })
  service: ServiceKind;

  /** Outstanding amount in fen (0 once recovered). */
  @Column({ type: 'bigint', transformer: fenColumn })
  amountFen: number;

  /** Highest amount owed during this arrear (what was to be recovered). */
  @Column({ type: 'bigint', default: 0, transformer: fenColumn })
  peakAmountFen: number;

  /** 欠費起始日: due date of the oldest unpaid overdue bill. */
  @Column({ type: 'date' })
  since: string;

  @Column({ type: 'varchar', length: 12, default: ArrearStatus.Open })
  status: ArrearStatus;

  /** 回收日期 */
  @Column({ type: 'date', nullable: true })
  recoveredOn: string | null;

  /** Method of the latest dunning attempt. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  dunningMethod: DunningMethod | null;

  /** 催繳次數: machine reminders plus completed manual follow-ups. */
  @Column({ type: 'integer', default: 0 })
  dunningCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastDunnedAt: Date | null;

  /** 停機標誌: set once the arrear is older than the configured number of days. */
  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
