import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { BillStatus } from '../billing.constants';
import { fenColumn } from '../money.util';
import { Account } from './account.entity';
import type { BillItem } from './bill-item.entity';

/**
 * 賬單: an account's monthly bill. PARTITIONED BY RANGE (billing_month), monthly, like usage and
 * payments. `total_fen` is the sum of its items (written with them, in one transaction) and
 * `paid_fen` how much of it payments or the prepaid balance have settled, `written_off_fen` how
 * much of it write-offs (核銷) of its arrears forgave (one `bill_write_off` row per service). What
 * is left to pay is `total_fen − paid_fen − written_off_fen`.
 */
@Entity('bill')
@Unique('ux_bill_account_month', ['accountId', 'billingMonth'])
@Check('bill_status_check', `status IN ('issued', 'partially_paid', 'paid', 'overdue', 'written_off')`)
@Check('bill_billing_month_check', `extract(day from billing_month) = 1`)
@Check('bill_amounts_check', `total_fen >= 0 AND paid_fen >= 0 AND written_off_fen >= 0 AND paid_fen + written_off_fen <= total_fen`)
@Index('ix_bill_customer_month', ['customerId', 'billingMonth'])
@Index('ix_bill_unpaid_due', ['dueDate'], { where: `status <> 'paid'` })
export class Bill {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** First day of the billing month (賬期). */
  @PrimaryColumn({ type: 'date' })
  billingMonth: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_bill_account' })
  account?: Account;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_bill_customer' })
  customer?: Customer;

  @Column({ type: 'bigint', transformer: fenColumn })
  totalFen: number;

  @Column({ type: 'bigint', default: 0, transformer: fenColumn })
  paidFen: number;

  /** Forgiven by write-offs (核銷): Σ of the bill's `bill_write_off` rows. */
  @Column({ type: 'bigint', default: 0, transformer: fenColumn })
  writtenOffFen: number;

  /** 繳費期限 */
  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 16, default: BillStatus.Issued })
  status: BillStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  /** When the bill became fully paid. */
  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany('BillItem', (item: BillItem) => item.bill)
  items?: BillItem[];
}
