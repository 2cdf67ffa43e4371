import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { District } from '@crm/base-config';
import { CustomerStatus, CustomerType, Gender, IdType } from '../customer.constants';

/**
 * 客戶基本資料. ID numbers are never stored in clear: a keyed hash for lookup, an encrypted
 * value for authorised reads, and a pre-masked form for everyone else.
 */
@Entity('customer')
@Check('customer_customer_type_check', `customer_type IN ('public_residential', 'public_unit', 'key_individual', 'key_enterprise')`)
@Check('customer_gender_check', `gender IN ('male', 'female')`)
@Check('customer_status_check', `status IN ('active', 'suspended')`)
@Index('ix_customer_created_at', ['createdAt'])
/** Prefix search indexes use text_pattern_ops, which decorators cannot express: kept in the migration. */
@Index('ix_customer_name_prefix', { synchronize: false })
@Index('ix_customer_phone_prefix', { synchronize: false })
@Index('ix_customer_type_district', ['customerType', 'districtCode'])
@Index('ux_customer_external_id', ['externalId'], { unique: true, where: 'external_id IS NOT NULL AND deleted_at IS NULL' })
@Index('ux_customer_id_document', ['idType', 'idNumberHash'], { unique: true, where: 'deleted_at IS NULL' })
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  customerType: CustomerType;

  @Column({ type: 'varchar', length: 12, nullable: true })
  gender: Gender | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'char', length: 6 })
  districtCode: string;

  @ManyToOne(() => District, { nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'fk_customer_district' })
  district?: District;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'varchar', length: 24 })
  idType: IdType;

  @Column({ type: 'char', length: 64 })
  idNumberHash: string;

  @Column({ type: 'text' })
  idNumberEncrypted: string;

  @Column({ type: 'varchar', length: 40 })
  idNumberMasked: string;

  @Column({ type: 'varchar', length: 12, default: CustomerStatus.Active })
  status: CustomerStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** 銷戶: closing a customer keeps the record (history, facts) but hides it from the API. */
  @DeleteDateColumn({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
