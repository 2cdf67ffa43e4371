import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete' | 'read-personal-data' | 'import' | 'export';

/** Who did what to which record, when, with old and new values (personal data masked). */
@Entity('audit_log')
@Index('ix_audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_log_actor', ['actorUsername', 'occurredAt'])
@Index('ix_audit_log_time', ['occurredAt'])
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 64 })
  actorId: string;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ type: 'varchar', length: 24 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 48 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  oldValues: object | null;

  @Column({ type: 'jsonb', nullable: true })
  newValues: object | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;
}
