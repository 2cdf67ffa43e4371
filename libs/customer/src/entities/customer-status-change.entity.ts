import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from './customer.entity';

/** 客戶狀態歷史: every status a customer has had, who set it and why. */
@Entity('customer_status_change')
@Index('ix_customer_status_change_customer', ['customerId', 'changedAt'])
export class CustomerStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_status_change_customer' })
  customer?: Customer;

  /** null when the customer was created. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  /** `closed` when the customer was closed (deleted). */
  @Column({ type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  changedBy: string;
}
