import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MessageInbox } from '../entities/message-inbox.entity';
import type { NodeMessageType } from '../protocol/node-message.dto';

export const NODE_MESSAGE_HANDLER = 'crm:federation:node-message-handler';

/** Which neighbour may send a message type: the parent (downward) or a child (upward). */
export type MessageDirection = 'from-parent' | 'from-child';

/**
 * A domain's handling of one message type on the receiving node. The federation owns transport,
 * authentication, idempotency and retries; the handler owns what the message means. `handle` runs
 * in the apply job's transaction (with the inbox row locked); messages it sends with
 * `MessageSender.send(manager, …)` commit with it and are delivered after.
 */
export interface NodeMessageHandler {
  readonly type: NodeMessageType;
  readonly direction: MessageDirection;
  /** Problems with the payload (field: problem); a non-empty answer refuses the message with 400. */
  validate(payload: Record<string, unknown>, message: { originNode: string; subject: string; version: string }): string[];
  /** Applies the message; answers an outcome recorded on the inbox row (e.g. applied, stale, forwarded). */
  handle(manager: EntityManager, message: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds?: string[] }>;
}

/** Marks a provider as a NodeMessageHandler; the federation discovers it. */
export const HandlesNodeMessages = (): ClassDecorator => SetMetadata(NODE_MESSAGE_HANDLER, true);
