import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { MessageInbox } from '../entities/message-inbox.entity';
import { MessageSender } from './message-sender.service';
import { NodeMessageRegistry } from './node-message-registry';

export type MessageApplyOutcome = string | 'already-applied' | 'missing';

/** Applies a received node message with its type's handler, once, in one transaction with what it sends on. */
@Injectable()
export class MessageApplyService {
  private readonly logger = new Logger(MessageApplyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: NodeMessageRegistry,
    private readonly sender: MessageSender,
  ) {}

  async apply(inboxId: string, correlationId: string): Promise<MessageApplyOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(MessageInbox, { where: { id: inboxId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return { outcome: 'missing' as const, outboxIds: [] as string[] };
      if (row.appliedAt) return { outcome: 'already-applied' as const, outboxIds: [] as string[] };
      const handler = this.registry.get(row.type);
      if (!handler) throw new UnrecoverableError(`No handler for ${row.type} messages on this node`);
      const { outcome, outboxIds = [] } = await handler.handle(manager, row, row.correlationId ?? correlationId);
      await manager.update(MessageInbox, { id: inboxId }, { appliedAt: () => 'now()', outcome });
      return { outcome, outboxIds, type: row.type, subject: row.subject, version: row.version, origin: row.originNode };
    });
    this.logger.log({ correlationId, inboxId, ...result, outboxIds: undefined }, `Message ${result.outcome}`);
    await this.sender.dispatch(result.outboxIds, correlationId);
    return result.outcome;
  }
}
