import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { BusinessHall, CustomerLevel, CustomerStatusDefinition, District, Industry, Staff } from '@crm/base-config';
import { AcquisitionChannel, CustomerStatus, CustomerType, Education, Gender, IdType, KeyAccountLevel, RelationshipType, ResidentialSubClass } from '../customer.constants';

/**
 * 客戶基本資料. ID numbers are never stored in clear: a keyed hash for lookup, an encrypted
 * value for authorised reads, and a pre-masked form for everyone else.
 */
@Entity('customer')
@Check('customer_customer_type_check', `customer_type IN ('public_residential', 'public_unit', 'key_individual', 'key_enterprise')`)
@Check('customer_gender_check', `gender IN ('male', 'female')`)
@Index('ix_customer_created_at', ['createdAt'])
/** Prefix search indexes use text_pattern_ops, which decorators cannot express: kept in the migration. */
@Index('ix_customer_name_prefix', { synchronize: false })
@Index('ix_customer_phone_prefix', { synchronize: false })
/** Trigram index for fuzzy name search (pg_trgm, GIN): also migration-only. */
@Index('ix_customer_name_trgm', { synchronize: false })
@Index('ix_customer_id_prefix_keys', { synchronize: false })
@Index('ix_customer_industry', ['industryCode'])
@Index('ix_customer_level', ['levelCode'])
@Index('ix_customer_hall', ['hallCode'])
@Index('ix_customer_account_manager', ['accountManagerId'])
@Check('customer_sub_class_check', `sub_class IN ('ordinary', 'apartment', 'villa')`)
@Check('customer_education_check', `education IN ('primary', 'junior_high', 'senior_high', 'college', 'bachelor', 'master', 'doctorate')`)
@Check('customer_key_account_level_check', `key_account_level IN ('national', 'provincial', 'city')`)
@Check('customer_relationship_type_check', `relationship_type IN ('buy_out', 'win_win')`)
@Check('customer_acquisition_channel_check', `acquisition_channel IN ('business_hall', 'call_centre', 'account_manager', 'agent', 'online', 'hotline', 'other')`)
@Index('ix_customer_type_district', ['customerType', 'districtCode'])
/** Imports skip external ids of closed customers; this finds them without a scan. */
@Index('ix_customer_closed_external_id', ['externalId'], { where: 'external_id IS NOT NULL AND deleted_at IS NOT NULL' })
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

  /** Code of a configured customer status (基礎配置 · 客戶狀態). */
  @Column({ type: 'varchar', length: 16, default: CustomerStatus.Active })
  status: string;

  @ManyToOne(() => CustomerStatusDefinition, { nullable: false })
  @JoinColumn({ name: 'status', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_customer_status' })
  statusDefinition?: CustomerStatusDefinition;


  /** 住宅子類 (residential customers). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  subClass: ResidentialSubClass | null;

  /** 職業 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  occupation: string | null;

  /** 行業 (GB/T 4754 code). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  industryCode: string | null;

  @ManyToOne(() => Industry)
  @JoinColumn({ name: 'industry_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_customer_industry' })
  industry?: Industry;


  /** 文化程度 */
  @Column({ type: 'varchar', length: 16, nullable: true })
  education: Education | null;

  /** 興趣愛好 */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  /** 聯繫電話 (besides the service number). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  homeAddress: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  companyAddress: string | null;

  /** 法人 (units and enterprises): name and ID number, protected like the customer's own. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  legalPersonName: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  legalPersonIdHash: string | null;

  @Column({ type: 'text', nullable: true })
  legalPersonIdEncrypted: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  legalPersonIdMasked: string | null;

  /** 大客戶級別 (key enterprises). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  keyAccountLevel: KeyAccountLevel | null;

  /** 關係類型 (key enterprises). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  relationshipType: RelationshipType | null;

  /** 環境描述 (key enterprises). */
  @Column({ type: 'text', nullable: true })
  environmentNotes: string | null;

  /** 客戶等級 */
  @Column({ type: 'varchar', length: 16, nullable: true })
  levelCode: string | null;

  @ManyToOne(() => CustomerLevel)
  @JoinColumn({ name: 'level_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_customer_level' })
  level?: CustomerLevel;


  /** 受理營業廳 */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hallCode: string | null;

  @ManyToOne(() => BusinessHall)
  @JoinColumn({ name: 'hall_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_customer_hall' })
  hall?: BusinessHall;


  /** 發展渠道: how the customer was acquired (null: not recorded). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  acquisitionChannel: AcquisitionChannel | null;

  /** 客戶經理 (key accounts). */
  @Column({ type: 'uuid', nullable: true })
  accountManagerId: string | null;

  @ManyToOne(() => Staff)
  @JoinColumn({ name: 'account_manager_id', foreignKeyConstraintName: 'fk_customer_account_manager' })
  accountManager?: Staff;


  /** Keyed hashes of the ID number's prefixes (lengths 6–17), for prefix search without clear text. */
  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  idPrefixKeys: string[];

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
