import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { PotentialStatus } from '../customer-watch.constants';

/** 潛在大客戶: a public customer whose annual billed total lies in the band below the key-account threshold. One row per customer. */
@Entity('potential_key_account')
@Check('potential_key_account_status_check', `status IN ('candidate', 'nurturing', 'promoted', 'dropped')`)
@Index('ux_potential_key_account_customer', ['customerId'], { unique: true })
@Index('ix_potential_key_account_status', ['status', 'annualBilledFen'])
export class PotentialKeyAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_potential_key_account_customer' })
  customer?: Customer;

  /** Σ bill.total_fen of the customer over the window (fen). */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  annualBilledFen: number;

  /** First billing month of the window; `windowTo` the last. */
  @Column({ type: 'date' })
  windowFrom: string;

  @Column({ type: 'date' })
  windowTo: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  generatedAt: Date;

  @Column({ type: 'varchar', length: 12, default: PotentialStatus.Candidate })
  status: PotentialStatus;

  /** The member of staff nurturing the customer (客戶經理), if any. */
  @Column({ type: 'uuid', nullable: true })
  ownerStaffId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  promotedTo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
