import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { InboxBatch } from './entities/inbox-batch.entity';
import { MessageInbox } from './entities/message-inbox.entity';
import { FederationQueueService, SweptKind } from './federation-queue.service';
import { MessageOutboxRepository } from './messages/message-outbox.repository';
import { OutboxRepository } from './outbox.repository';

const GRACE_MS = 30_000;
const LIMIT = 1000;

/**
 * Safety net of the outbox/inbox pattern: any pending batch or node message without a live job (Redis lost it,
 * or delivery exhausted its attempts while the parent was down) gets one again.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    @InjectRepository(InboxBatch) private readonly inbox: Repository<InboxBatch>,
    private readonly messageOutbox: MessageOutboxRepository,
    @InjectRepository(MessageInbox) private readonly messageInbox: Repository<MessageInbox>,
    private readonly queues: FederationQueueService,
  ) {}

  async sweep(correlationId: string, graceMs = GRACE_MS): Promise<{ deliveries: number; applies: number }> {
    let deliveries = 0;
    for (const o of await this.outbox.findPending(graceMs, LIMIT)) {
      if ((await this.ensure('delivery', o.id, o.correlationId ?? correlationId)) !== 'alive') deliveries += 1;
    }
    let applies = 0;
    const unapplied = await this.inbox.find({
      where: { appliedAt: IsNull(), receivedAt: LessThan(new Date(Date.now() - graceMs)) },
      select: ['id', 'correlationId'],
      order: { receivedAt: 'ASC' },
      take: LIMIT,
    });
    for (const i of unapplied) {
      if ((await this.ensure('apply', i.id, i.correlationId ?? correlationId)) !== 'alive') applies += 1;
    }
    for (const o of await this.messageOutbox.findPending(graceMs, LIMIT)) {
      if ((await this.ensure('message-delivery', o.id, o.correlationId ?? correlationId)) !== 'alive') deliveries += 1;
    }
    const unappliedMessages = await this.messageInbox.find({
      where: { appliedAt: IsNull(), receivedAt: LessThan(new Date(Date.now() - graceMs)) },
      select: ['id', 'correlationId'],
      order: { receivedAt: 'ASC' },
      take: LIMIT,
    });
    for (const i of unappliedMessages) {
      if ((await this.ensure('message-apply', i.id, i.correlationId ?? correlationId)) !== 'alive') applies += 1;
    }
    if (deliveries || applies) this.logger.log({ correlationId, deliveries, applies }, 'Re-queued federation jobs');
    return { deliveries, applies };
  }

  /** One row's failure (a job racing another worker) is logged and does not stop the sweep. */
  private async ensure(kind: SweptKind, id: string, correlationId: string): Promise<string> {
    try {
      return await this.queues.ensureJob(kind, id, correlationId);
    } catch (err) {
      this.logger.warn({ err, kind, id }, 'Could not re-queue; next sweep retries');
      return 'alive';
    }
  }
}
