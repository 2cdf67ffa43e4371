import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isWithinDivision, NODE_CONFIG, NodeConfig, tierOfDivisionCode } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { MessageInbox } from '../entities/message-inbox.entity';
import { FederationQueueService } from '../federation-queue.service';
import { NodeMessageDto } from '../protocol/node-message.dto';
import { SecurityEventRepository } from '../security-event.repository';
import { messageContentHash } from './node-message.util';
import { NodeMessageRegistry } from './node-message-registry';

/** Largest payload accepted (canonical JSON bytes). */
const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface MessageReceipt {
  messageId: string;
  status: 'accepted' | 'duplicate';
}

/** Receives node messages from the parent or a child: who may send what, store once, queue the apply. */
@Injectable()
export class MessageInboxService {
  private readonly logger = new Logger(MessageInboxService.name);

  constructor(
    @InjectRepository(MessageInbox) private readonly inbox: Repository<MessageInbox>,
    private readonly registry: NodeMessageRegistry,
    private readonly queues: FederationQueueService,
    private readonly events: SecurityEventRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async receive(m: NodeMessageDto, sender: string, ctx: { path: string; requestId: string; remoteAddress?: string }): Promise<MessageReceipt> {
    const handler = this.registry.get(m.type);
    if (!handler) throw DomainException.badRequest(`This node does not take ${m.type} messages`, [{ field: 'type', problem: `not handled by ${this.config.tier} nodes` }]);
    await this.authorize(m, sender, handler.direction, ctx);
    if (Buffer.byteLength(JSON.stringify(m.payload)) > MAX_PAYLOAD_BYTES) {
      throw DomainException.badRequest(`payload exceeds ${MAX_PAYLOAD_BYTES} bytes`, [{ field: 'payload', problem: 'too large' }]);
    }
    const problems = handler.validate(m.payload, m);
    if (problems.length) throw new DomainException(ErrorCode.ValidationFailed, `Invalid ${m.type} message`, problems.slice(0, 50).map((p) => ({ field: 'payload', problem: p })));

    const hash = messageContentHash(m);
    const inserted = await this.inbox
      .createQueryBuilder()
      .insert()
      .values({
        sourceNode: m.sourceNode,
        messageId: m.messageId,
        type: m.type,
        originNode: m.originNode,
        subject: m.subject,
        version: m.version,
        payload: m.payload,
        contentHash: hash,
        producedAt: new Date(m.producedAt),
        correlationId: ctx.requestId,
      } as QueryDeepPartialEntity<MessageInbox>)
      .orIgnore()
      .returning(['id'])
      .execute();
    let id: string;
    let status: MessageReceipt['status'] = 'accepted';
    if (inserted.raw.length) id = inserted.raw[0].id;
    else {
      const existing = await this.inbox.findOneOrFail({ where: { sourceNode: m.sourceNode, messageId: m.messageId }, select: ['id', 'contentHash', 'appliedAt'] });
      if (existing.contentHash !== hash) throw DomainException.conflict(`Message ${m.messageId} from ${m.sourceNode} was already received with different content`);
      id = existing.id;
      status = 'duplicate';
      if (existing.appliedAt) return { messageId: m.messageId, status };
    }
    try {
      await this.queues.enqueueMessageApply(id, ctx.requestId);
    } catch (err) {
      this.logger.warn({ err, messageId: m.messageId }, 'Stored the message but could not queue its apply now; the sweeper will');
    }
    return { messageId: m.messageId, status };
  }

  /**
   * The sender is the message's source; a message type travels in one direction; content comes
   * from the sender's own area: downward, from an ancestor (HQ, or the province relaying HQ);
   * upward, from the child itself or, through a province, from one of its cities.
   */
  private async authorize(m: NodeMessageDto, sender: string, direction: 'from-parent' | 'from-child', ctx: { path: string; requestId: string; remoteAddress?: string }): Promise<void> {
    const me = this.config.node.code;
    const fromParent = sender === this.config.parent?.code;
    let problem: string | undefined;
    if (m.sourceNode !== sender) problem = `Node ${sender} cannot send as ${m.sourceNode}`;
    else if (direction === 'from-parent' && !fromParent) problem = `${m.type} messages come from the parent; ${sender} is not the parent of ${me}`;
    else if (direction === 'from-child' && fromParent) problem = `${m.type} messages come from a child; ${sender} is the parent of ${me}`;
    else if (direction === 'from-parent') {
      const ancestors = [this.config.parent?.code, this.config.parent?.parent].filter(Boolean);
      if (!ancestors.includes(m.originNode)) problem = `${m.originNode} is not above ${me}`;
    } else if (m.originNode !== sender && !(tierOfDivisionCode(sender) === 'province' && tierOfDivisionCode(m.originNode) === 'city' && isWithinDivision(m.originNode, sender))) {
      problem = `${sender} cannot relay content of ${m.originNode}`;
    }
    if (!problem) return;
    await this.events.record({ reason: 'impersonation', claimedNode: sender, path: ctx.path, remoteAddress: ctx.remoteAddress, detail: problem, requestId: ctx.requestId });
    throw new DomainException(ErrorCode.NodeNotAuthorized, problem);
  }
}
