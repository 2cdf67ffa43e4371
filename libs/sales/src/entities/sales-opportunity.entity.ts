import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { BusinessHall, Staff } from '@crm/base-config';
import { Customer } from '@crm/customer';
import { OpportunityStage } from '../sales.constants';

/** 商機: a sales opportunity of a customer, moving lead → qualified → proposal → negotiation → won | lost. */
@Entity('sales_opportunity')
@Index('ix_sales_opportunity_stage', ['stage', 'ownerStaffId'])
@Index('ix_sales_opportunity_customer', ['customerId'])
export class SalesOpportunity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_sales_opportunity_customer' })
  customer?: Customer;

  @Column({ type: 'uuid', nullable: true })
  ownerStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'owner_staff_id', foreignKeyConstraintName: 'fk_sales_opportunity_owner' })
  owner?: Staff | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  hallCode: string | null;

  @ManyToOne(() => BusinessHall, { nullable: true })
  @JoinColumn({ name: 'hall_code', foreignKeyConstraintName: 'fk_sales_opportunity_hall' })
  hall?: BusinessHall | null;

  @Column({ type: 'varchar', length: 12, default: OpportunityStage.Lead })
  stage: OpportunityStage;

  /** 預計金額 in fen. */
  @Column({ type: 'bigint', default: 0 })
  expectedValueFen: string;

  @Column({ type: 'date', nullable: true })
  expectedCloseDate: string | null;

  /** Catalogue products the opportunity is about (checked on write). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  productCodes: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  lostReason: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  /** When it became won or lost. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
