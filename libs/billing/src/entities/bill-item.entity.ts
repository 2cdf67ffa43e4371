import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BillItemType, ServiceKind } from '../billing.constants';
import { fenColumn } from '../money.util';
import { Bill } from './bill.entity';

/** 費用明細: one line of a bill's fee breakdown. Discounts are negative amounts. */
@Entity('bill_item')
@Check('bill_item_item_type_check', `item_type IN ('monthly_fee', 'voice', 'data', 'sms', 'value_added', 'discount', 'other')`)
@Check('bill_item_service_check', `service IN ('voice', 'sms', 'data', 'iptv', 'broadband')`)
@Check('bill_item_amount_sign_check', `(item_type = 'discount') = (amount_fen < 0) OR amount_fen = 0`)
@Index('ix_bill_item_bill', ['billId', 'billingMonth'])
export class BillItem {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  billId: string;

  /** Part of the bill's key (bills are partitioned by month). */
  @Column({ type: 'date' })
  billingMonth: string;

  @ManyToOne(() => Bill, (bill) => bill.items, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'bill_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_bill_item_bill' },
    { name: 'billing_month', referencedColumnName: 'billingMonth' },
  ])
  bill?: Bill;

  @Column({ type: 'varchar', length: 16 })
  itemType: BillItemType;

  /** The service the fee belongs to (arrears are tracked per account and service). */
  @Column({ type: 'varchar', length: 16 })
  service: ServiceKind;

  @Column({ type: 'bigint', transformer: fenColumn })
  amountFen: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  description: string | null;
}
