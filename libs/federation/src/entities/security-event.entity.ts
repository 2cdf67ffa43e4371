import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A refused node-to-node request (bad signature, replay, publishing as another node, …). */
@Entity('federation_security_event')
@Index('ix_federation_security_event_time', ['occurredAt'])
export class SecurityEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 40 })
  reason: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  claimedNode: string | null;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  remoteAddress: string | null;

  @Column({ type: 'text' })
  detail: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;
}
