import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Staff } from '@crm/base-config';
import { Customer } from '@crm/customer';
import { ContractStatus } from '../sales.constants';

/** 合同: a contract between a customer and the operator's signing unit. */
@Entity('sales_contract')
@Index('ux_sales_contract_no', ['contractNo'], { unique: true })
@Index('ix_sales_contract_customer', ['customerId'])
@Index('ix_sales_contract_valid_to', ['status', 'validTo'])
export class SalesContract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  contractNo: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_sales_contract_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The operator's party (簽約單位). */
  @Column({ type: 'varchar', length: 100 })
  signingUnit: string;

  @Column({ type: 'uuid', nullable: true })
  signedByStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'signed_by_staff_id', foreignKeyConstraintName: 'fk_sales_contract_staff' })
  signedBy?: Staff | null;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date' })
  validTo: string;

  @Column({ type: 'bigint', default: 0 })
  valueFen: string;

  @Column({ type: 'varchar', length: 12, default: ContractStatus.Draft })
  status: ContractStatus;

  /** Documents metadata: [{name, uri?, mediaType?, sizeBytes?}] (the files live elsewhere). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents: unknown[];

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
