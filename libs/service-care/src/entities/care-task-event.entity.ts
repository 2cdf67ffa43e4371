import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CareTask } from './care-task.entity';

/** Status history of a care task: who moved it, when, from what to what, with a note. */
@Entity('care_task_event')
@Index('ix_care_task_event_task', ['taskId', 'at'])
export class CareTaskEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => CareTask, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_care_task_event_task' })
  task?: CareTask;

  /** null when the task was created. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12 })
  toStatus: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
