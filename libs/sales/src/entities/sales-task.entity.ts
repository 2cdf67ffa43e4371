import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Staff } from '@crm/base-config';
import { SalesTaskStatus, TargetKind } from '../sales.constants';
import { SalesTeam } from './sales-team.entity';

/** 銷售任務: a target (count of orders or amount) assigned to a team or a person, under a parent task. */
@Entity('sales_task')
@Index('ix_sales_task_parent', ['parentId'])
@Index('ix_sales_task_team', ['assigneeTeamId'])
@Index('ix_sales_task_staff', ['assigneeStaffId'])
export class SalesTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => SalesTask, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_sales_task_parent' })
  parent?: SalesTask | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeTeamId: string | null;

  @ManyToOne(() => SalesTeam, { nullable: true })
  @JoinColumn({ name: 'assignee_team_id', foreignKeyConstraintName: 'fk_sales_task_team' })
  assigneeTeam?: SalesTeam | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'assignee_staff_id', foreignKeyConstraintName: 'fk_sales_task_staff' })
  assigneeStaff?: Staff | null;

  @Column({ type: 'varchar', length: 8 })
  targetKind: TargetKind;

  /** Orders (count) or fen (amount). */
  @Column({ type: 'bigint' })
  targetValue: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'varchar', length: 12, default: SalesTaskStatus.Open })
  status: SalesTaskStatus;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
