import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AbnormalCase } from './abnormal-case.entity';

/** Status history of an abnormal case: who moved it, when, from what to what, with a note. */
@Entity('abnormal_case_event')
@Index('ix_abnormal_case_event_case', ['caseId', 'at'])
export class AbnormalCaseEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => AbnormalCase, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_abnormal_case_event_case' })
  abnormalCase?: AbnormalCase;

  /** null when the case was detected. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12 })
  toStatus: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
