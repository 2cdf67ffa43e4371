import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { StaffGender } from '../base-config.constants';
import { BusinessHall } from './business-hall.entity';
import { ServiceDepartment } from './service-department.entity';

/** 員工: a member of staff, in a department and optionally posted to a business hall. */
@Entity('staff')
@Index('ux_staff_employee_no', ['employeeNo'], { unique: true })
@Index('ix_staff_department', ['departmentCode'])
@Index('ix_staff_hall', ['hallCode'])
/** Prefix search on the name uses text_pattern_ops, which decorators cannot express: kept in the migration. */
@Index('ix_staff_name_prefix', { synchronize: false })
@Check('staff_gender_check', `gender IN ('male', 'female')`)
export class Staff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 工號 */
  @Column({ type: 'varchar', length: 20 })
  employeeNo: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  gender: StaffGender | null;

  @Column({ type: 'varchar', length: 16 })
  departmentCode: string;

  @ManyToOne(() => ServiceDepartment, { nullable: false })
  @JoinColumn({ name: 'department_code', foreignKeyConstraintName: 'fk_staff_department' })
  department?: ServiceDepartment;

  /** 職務 (job title), e.g. 客戶經理. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  title: string | null;

  /** 職責 (duties). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  duties: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  hallCode: string | null;

  @ManyToOne(() => BusinessHall, { nullable: true })
  @JoinColumn({ name: 'hall_code', foreignKeyConstraintName: 'fk_staff_hall' })
  hall?: BusinessHall | null;

  /** Personal data: answered masked unless the caller holds customer:personal-data. */
  @Column({ type: 'varchar', length: 20 })
  mobile: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
