import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { BusinessHall, Staff } from '@crm/base-config';
import { Customer } from '@crm/customer';
import { OrderStatus, SalesChannel } from '../sales.constants';
import { SalesAgentRepresentative } from './sales-agent-representative.entity';
import { SalesAgent } from './sales-agent.entity';
import { SalesOpportunity } from './sales-opportunity.entity';

/** 定單: an order of a customer; completing it creates or changes the customer's subscriptions. */
@Entity('sales_order')
@Index('ux_sales_order_no', ['orderNo'], { unique: true })
@Index('ix_sales_order_customer', ['customerId'])
@Index('ix_sales_order_status_completed', ['status', 'completedAt'])
@Index('ix_sales_order_agent', ['agentId', 'completedAt'])
@Index('ix_sales_order_staff', ['salesStaffId', 'completedAt'])
export class SalesOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_sales_order_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 12, default: OrderStatus.Draft })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 16 })
  channel: SalesChannel;

  @Column({ type: 'varchar', length: 16, nullable: true })
  hallCode: string | null;

  @ManyToOne(() => BusinessHall, { nullable: true })
  @JoinColumn({ name: 'hall_code', foreignKeyConstraintName: 'fk_sales_order_hall' })
  hall?: BusinessHall | null;

  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  @ManyToOne(() => SalesAgent, { nullable: true })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_sales_order_agent' })
  agent?: SalesAgent | null;

  @Column({ type: 'uuid', nullable: true })
  representativeId: string | null;

  @ManyToOne(() => SalesAgentRepresentative, { nullable: true })
  @JoinColumn({ name: 'representative_id', foreignKeyConstraintName: 'fk_sales_order_representative' })
  representative?: SalesAgentRepresentative | null;

  @Column({ type: 'uuid', nullable: true })
  salesStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'sales_staff_id', foreignKeyConstraintName: 'fk_sales_order_staff' })
  salesStaff?: Staff | null;

  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  @ManyToOne(() => SalesOpportunity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_sales_order_opportunity' })
  opportunity?: SalesOpportunity | null;

  /** Σ line amounts, fen. */
  @Column({ type: 'bigint', default: 0 })
  amountFen: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
