import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A node message received from the parent or a child, stored before it is acknowledged, applied by a job. */
@Entity('message_inbox')
@Unique('uq_message_inbox_source_message', ['sourceNode', 'messageId'])
@Index('ix_message_inbox_unapplied', ['receivedAt'], { where: 'applied_at IS NULL' })
@Index('ix_message_inbox_subject', ['type', 'originNode', 'subject'])
export class MessageInbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 6 })
  sourceNode: string;

  @Column({ type: 'uuid' })
  messageId: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'char', length: 6 })
  originNode: string;

  @Column({ type: 'varchar', length: 120 })
  subject: string;

  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** SHA-256 of the canonical message: the same messageId with other content is refused (409). */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'timestamptz' })
  producedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  /** What the handler reported (e.g. applied, stale, forwarded). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;
}
