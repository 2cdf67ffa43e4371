import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PolicyKind, PolicyLevel, PolicyStatus } from '../operations-info.constants';

/** Metadata of a file attached to a policy (the file itself lives in the document store). */
export interface PolicyAttachment {
  name: string;
  mediaType: string;
  sizeBytes: number;
  /** Where the document store keeps it (URL or key). */
  location?: string | null;
}

/** 政策: an internal rule or a regulatory policy, with its level, period and status. */
@Entity('operations_policy')
@Index('ux_operations_policy_code', ['code'], { unique: true })
@Index('ix_operations_policy_status_effective', ['status', 'effectiveFrom'])
@Check('operations_policy_kind_check', `kind IN ('internal', 'regulatory')`)
@Check('operations_policy_level_check', `level IN ('national', 'provincial', 'city')`)
@Check('operations_policy_status_check', `status IN ('draft', 'in_force', 'repealed')`)
@Check('operations_policy_period_check', `effective_to IS NULL OR effective_to >= effective_from`)
export class OperationsPolicy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 文號 / 編號, unique. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 12 })
  kind: PolicyKind;

  /** 發文單位 */
  @Column({ type: 'varchar', length: 100 })
  issuer: string;

  @Column({ type: 'varchar', length: 12 })
  level: PolicyLevel;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'varchar', length: 12, default: PolicyStatus.Draft })
  status: PolicyStatus;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: PolicyAttachment[];

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
