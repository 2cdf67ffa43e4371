import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { FederationQueueService } from '../federation-queue.service';
import { NodeMessageDto, NodeMessageType } from '../protocol/node-message.dto';
import { MessageOutboxRepository } from './message-outbox.repository';

export interface OutgoingMessage {
  type: NodeMessageType;
  subject: string;
  version: string | number | bigint;
  payload: Record<string, unknown>;
  /** Who authored the content; this node by default (a relay keeps the original author). */
  originNode?: string;
  /** Default: a random UUID. Give a deterministic one (deterministicMessageId) when the same fact may be sent twice. */
  messageId?: string;
  producedAt?: Date;
}

/** Sends node messages through the outbox: `send` inside the caller's transaction, `dispatch` after it commits. */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);

  constructor(
    private readonly outbox: MessageOutboxRepository,
    private readonly queues: FederationQueueService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** This node's children in the topology (provinces of HQ, cities of a province). */
  children(): string[] {
    return this.config.topology.nodes.filter((n) => n.parent === this.config.node.code).map((n) => n.code);
  }

  /** Writes the message to the outbox for `targetNode` (the parent or a child); answers the outbox row id. */
  send(manager: EntityManager, targetNode: string, m: OutgoingMessage, correlationId: string): Promise<string> {
    const isParent = targetNode === this.config.parent?.code;
    const isChild = this.config.topology.get(targetNode)?.parent === this.config.node.code;
    if (!isParent && !isChild) throw new Error(`${targetNode} is neither the parent nor a child of ${this.config.node.code}`);
    const message: NodeMessageDto = {
      messageId: m.messageId ?? randomUUID(),
      type: m.type,
      sourceNode: this.config.node.code,
      originNode: m.originNode ?? this.config.node.code,
      subject: m.subject,
      version: String(m.version),
      producedAt: (m.producedAt ?? new Date()).toISOString(),
      payload: m.payload,
    };
    return this.outbox.add(manager, targetNode, message, correlationId);
  }

  /** Queues the delivery of committed outbox rows; a failure is left to the sweeper. */
  async dispatch(outboxIds: readonly string[], correlationId: string): Promise<void> {
    for (const id of outboxIds) {
      await this.queues.enqueueMessageDelivery(id, correlationId).catch((err) =>
        this.logger.warn({ err, outboxId: id }, 'Could not queue a message delivery now; the sweeper will'),
      );
    }
  }
}
