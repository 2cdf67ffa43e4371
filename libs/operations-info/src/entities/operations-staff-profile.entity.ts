import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { District, Staff } from '@crm/base-config';
import { OperationsRole } from '../operations-info.constants';

/**
 * 經營人員 / 經營管理者: the operations profile of a base-config staff member (one per member),
 * with the reporting line to a manager who has a manager profile.
 */
@Entity('operations_staff_profile')
@Index('ix_operations_staff_profile_manager', ['managerStaffId'])
@Index('ix_operations_staff_profile_district', ['districtCode'])
@Check('operations_staff_profile_role_check', `role IN ('staff', 'manager')`)
@Check('operations_staff_profile_manager_check', `manager_staff_id <> staff_id`)
export class OperationsStaffProfile {
  @PrimaryColumn({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { nullable: false })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_operations_staff_profile_staff' })
  staff?: Staff;

  @Column({ type: 'varchar', length: 10 })
  role: OperationsRole;

  /** 職責 within operations. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  responsibilities: string | null;

  /** 負責區域: a district of the city; null = the whole city. */
  @Column({ type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @ManyToOne(() => District, { nullable: true })
  @JoinColumn({ name: 'district_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_operations_staff_profile_district' })
  district?: District | null;

  /** The manager reported to: a staff member with a manager profile. */
  @Column({ type: 'uuid', nullable: true })
  managerStaffId: string | null;

  @ManyToOne(() => OperationsStaffProfile, { nullable: true })
  @JoinColumn({ name: 'manager_staff_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_operations_staff_profile_manager' })
  manager?: OperationsStaffProfile | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
