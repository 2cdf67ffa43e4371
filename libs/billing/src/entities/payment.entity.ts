import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { PaymentMethod } from '../billing.constants';
import { fenColumn } from '../money.util';
import { Account } from './account.entity';

/**
 * 繳費: money received for an account. PARTITIONED BY RANGE (paid_at), monthly. A payment adds to
 * the account's balance; settling bills then moves money from the balance to the bills, in the
 * same transaction. Payments are immutable (a correction is a new document).
 */
@Entity('payment')
@Check('payment_method_check', `method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card')`)
@Check('payment_amount_fen_check', `amount_fen > 0`)
@Index('ix_payment_account_paid', ['accountId', 'paidAt'])
@Index('ix_payment_customer_paid', ['customerId', 'paidAt'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @PrimaryColumn({ type: 'timestamptz' })
  paidAt: Date;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_payment_account' })
  account?: Account;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_payment_customer' })
  customer?: Customer;

  @Column({ type: 'bigint', transformer: fenColumn })
  amountFen: number;

  @Column({ type: 'varchar', length: 20 })
  method: PaymentMethod;

  /** 繳費地點: business hall code (營業廳) or channel. */
  @Column({ type: 'varchar', length: 32 })
  place: string;

  /** Reference of the channel (bank / WeChat / Alipay transaction id), if any. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  /** Username of who recorded the payment. */
  @Column({ type: 'varchar', length: 64 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
