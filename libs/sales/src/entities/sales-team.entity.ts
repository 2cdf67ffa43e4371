import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Staff } from '@crm/base-config';

/** 銷售團隊: a team defined by its manager; tasks are assigned to teams or to staff. */
@Entity('sales_team')
export class SalesTeam {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid' })
  managerStaffId: string;

  @ManyToOne(() => Staff, { nullable: false })
  @JoinColumn({ name: 'manager_staff_id', foreignKeyConstraintName: 'fk_sales_team_manager' })
  manager?: Staff;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
