import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { AccountStatus, PaymentMethod } from '../billing.constants';
import { fenColumn } from '../money.util';

/**
 * 賬戶: a billing account of a customer (TM Forum: customer ≠ billing account; one customer may
 * hold several). The balance (預存款/餘額) is never edited by hand: payments add to it and bills
 * draw from it, in the same transaction (see PaymentService), so that
 * `balance_fen = Σ payment.amount_fen − Σ bill.paid_fen` over the account at all times.
 */
@Entity('account')
@Unique('ux_account_number', ['accountNumber'])
@Unique('ux_account_customer_serial', ['customerId', 'serial'])
@Check('account_status_check', `status IN ('active', 'suspended')`)
@Check('account_payment_method_check', `payment_method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card')`)
@Check('account_credit_limit_fen_check', `credit_limit_fen >= 0`)
@Check('account_balance_fen_check', `balance_fen >= 0`)
@Check('account_serial_check', `serial >= 1`)
@Index('ix_account_customer', ['customerId'])
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 賬號, unique in the city and never reused (closed accounts keep theirs). */
  @Column({ type: 'varchar', length: 32 })
  accountNumber: string;

  /** 序號: the account's number among its customer's accounts (1, 2, …). */
  @Column({ type: 'smallint' })
  serial: number;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_account_customer' })
  customer?: Customer;

  /** 賬戶名稱 (e.g. the unit's name on invoices); defaults to nothing. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  /** 銀行代碼 */
  @Column({ type: 'varchar', length: 12, nullable: true })
  bankId: string | null;

  /** 銀行賬號, AES-256-GCM (PersonalDataCipher); null when the account has none. */
  @Column({ type: 'text', nullable: true })
  bankAccountEncrypted: string | null;

  /** Pre-masked form answered to everyone without customer:personal-data (`6222********1234`). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  bankAccountMasked: string | null;

  /** 信用額度 in fen: how much may be owed before dunning escalates (informational here). */
  @Column({ type: 'bigint', default: 0, transformer: fenColumn })
  creditLimitFen: number;

  /** 餘額 in fen: prepaid money not yet drawn by bills (≥ 0). Derived; never set through the API. */
  @Column({ type: 'bigint', default: 0, transformer: fenColumn })
  balanceFen: number;

  /** Default payment method (付費方式). */
  @Column({ type: 'varchar', length: 20, default: PaymentMethod.Cash })
  paymentMethod: PaymentMethod;

  @Column({ type: 'varchar', length: 12, default: AccountStatus.Active })
  status: AccountStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** 銷戶: a closed account is kept (bills, payments) but hidden from the API. */
  @DeleteDateColumn({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
