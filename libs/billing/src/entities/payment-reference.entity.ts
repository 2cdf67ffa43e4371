import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PaymentMethod } from '../billing.constants';
import { Account } from './account.entity';

/**
 * A channel's reference, once (冪等): written with its payment in the same transaction, keyed by
 * (method, reference), so a retried or duplicated posting of the same money cannot be recorded
 * twice. A separate table because `payment` is partitioned by `paid_at`: a unique index there
 * would have to include `paid_at`, and a retry usually carries another (or no) `paidAt`.
 *
 * No foreign key to `payment` on purpose: the partition job moves payment rows out of the
 * DEFAULT partition, which a reference to them would block. `payment_id` / `paid_at` name the
 * payment (its primary key) and are written only together with it.
 */
@Entity('payment_reference')
@Check('payment_reference_method_check', `method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card')`)
export class PaymentReference {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  method: PaymentMethod;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ type: 'uuid' })
  paymentId: string;

  @Column({ type: 'timestamptz' })
  paidAt: Date;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_payment_reference_account' })
  account?: Account;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
