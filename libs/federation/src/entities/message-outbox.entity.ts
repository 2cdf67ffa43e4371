import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NodeMessageDto } from '../protocol/node-message.dto';
import { DeliveryState } from './delivery-state';

/** A node message waiting to be (or already) delivered to the parent or a child; written in the sender's transaction. */
@Entity('message_outbox')
@Check('message_outbox_status_check', `status IN ('pending', 'delivered', 'rejected')`)
@Index('ix_message_outbox_pending', ['createdAt'], { where: `status = 'pending'` })
@Index('ix_message_outbox_subject', ['type', 'subject'])
export class MessageOutbox extends DeliveryState {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  messageId: string;

  @Column({ type: 'char', length: 6 })
  targetNode: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'varchar', length: 120 })
  subject: string;

  @Column({ type: 'bigint' })
  version: string;

  /** The request body exactly as it will be sent. */
  @Column({ type: 'jsonb' })
  payload: NodeMessageDto;
}
