import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Arrear } from './arrear.entity';

/** 人工催繳任務: a manual follow-up created by the dunning run once machine reminders are used up. */
@Entity('dunning_task')
@Index('ux_dunning_task_open', ['arrearId'], { unique: true, where: 'done = false' })
@Index('ix_dunning_task_assignee', ['assignedTo', 'done'])
export class DunningTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  arrearId: string;

  @ManyToOne(() => Arrear, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'arrear_id', foreignKeyConstraintName: 'fk_dunning_task_arrear' })
  arrear?: Arrear;

  /** Username of the staff member in charge (null: unassigned). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  assignedTo: string | null;

  @Column({ type: 'boolean', default: false })
  done: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  doneBy: string | null;

  /** What the customer said / agreed (承諾繳費日期 etc.). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
