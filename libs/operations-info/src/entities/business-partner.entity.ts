import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PartnerStatus, PartnerType } from '../operations-info.constants';

/** 合作夥伴: an agent, content provider, equipment vendor, channel… with its contact and contract period. */
@Entity('business_partner')
@Index('ux_business_partner_name', ['name'], { unique: true })
@Index('ix_business_partner_type_status', ['type', 'status'])
@Index('ix_business_partner_contract_to', ['contractTo'])
@Check('business_partner_type_check', `type IN ('agent', 'content_provider', 'equipment_vendor', 'channel', 'service_provider', 'other')`)
@Check('business_partner_status_check', `status IN ('prospective', 'active', 'suspended', 'terminated')`)
@Check('business_partner_contract_check', `contract_to IS NULL OR contract_from IS NULL OR contract_to >= contract_from`)
export class BusinessPartner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: PartnerType;

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactPerson: string | null;

  /** Personal data: answered masked unless the caller holds customer:personal-data. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  /** 合作範圍 */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  cooperationScope: string | null;

  @Column({ type: 'date', nullable: true })
  contractFrom: string | null;

  @Column({ type: 'date', nullable: true })
  contractTo: string | null;

  @Column({ type: 'varchar', length: 12, default: PartnerStatus.Active })
  status: PartnerStatus;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
