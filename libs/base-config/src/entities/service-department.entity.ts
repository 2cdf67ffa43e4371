import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';

/** 服務部門: a department of the city branch, possibly under a parent department. */
@Entity('service_department')
@Index('ix_service_department_parent', ['parentCode'])
@Check('service_department_parent_check', 'parent_code <> code')
export class ServiceDepartment {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => ServiceDepartment, { nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_service_department_parent' })
  parent?: ServiceDepartment | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
