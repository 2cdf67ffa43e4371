import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Staff } from '@crm/base-config';
import { Customer } from '@crm/customer';
import { ActivityKind } from '../sales.constants';
import { SalesMethod } from './sales-method.entity';
import { SalesOpportunity } from './sales-opportunity.entity';

/** 銷售活動: a visit, call or event by a member of staff, about a customer and/or an opportunity. */
@Entity('sales_activity')
@Index('ix_sales_activity_customer', ['customerId', 'occurredAt'])
@Index('ix_sales_activity_staff', ['staffId', 'occurredAt'])
@Index('ix_sales_activity_opportunity', ['opportunityId'])
export class SalesActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  kind: ActivityKind;

  @Column({ type: 'varchar', length: 16, nullable: true })
  methodCode: string | null;

  @ManyToOne(() => SalesMethod, { nullable: true })
  @JoinColumn({ name: 'method_code', foreignKeyConstraintName: 'fk_sales_activity_method' })
  method?: SalesMethod | null;

  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => Customer, { nullable: true })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_sales_activity_customer' })
  customer?: Customer | null;

  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  @ManyToOne(() => SalesOpportunity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_sales_activity_opportunity' })
  opportunity?: SalesOpportunity | null;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { nullable: false })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_sales_activity_staff' })
  staff?: Staff;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
