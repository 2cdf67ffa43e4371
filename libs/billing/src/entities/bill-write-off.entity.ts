import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ServiceKind } from '../billing.constants';
import { fenColumn } from '../money.util';
import { Arrear } from './arrear.entity';
import { Bill } from './bill.entity';

/**
 * 核銷明細: the part of one bill that the write-off of an arrear forgave — the service's share of
 * what the bill still owed at that moment. A service written off on a bill owes nothing more on
 * it: payments settle only the rest of the bill, and arrears are computed from the rest only.
 */
@Entity('bill_write_off')
@Unique('ux_bill_write_off_bill_service', ['billId', 'billingMonth', 'service'])
@Check('bill_write_off_service_check', `service IN ('voice', 'sms', 'data', 'iptv', 'broadband')`)
@Check('bill_write_off_amount_fen_check', `amount_fen > 0`)
@Index('ix_bill_write_off_arrear', ['arrearId'])
export class BillWriteOff {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  arrearId: string;

  @ManyToOne(() => Arrear, { nullable: false })
  @JoinColumn({ name: 'arrear_id', foreignKeyConstraintName: 'fk_bill_write_off_arrear' })
  arrear?: Arrear;

  @Column({ type: 'uuid' })
  billId: string;

  /** Part of the bill's key (bills are partitioned by month). */
  @Column({ type: 'date' })
  billingMonth: string;

  @ManyToOne(() => Bill, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'bill_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_bill_write_off_bill' },
    { name: 'billing_month', referencedColumnName: 'billingMonth' },
  ])
  bill?: Bill;

  @Column({ type: 'varchar', length: 16 })
  service: ServiceKind;

  @Column({ type: 'bigint', transformer: fenColumn })
  amountFen: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
