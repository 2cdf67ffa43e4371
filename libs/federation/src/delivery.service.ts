import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { NODE_CONFIG, NodeConfig, TopologyNode } from '@crm/config';
import { OutboxRepository } from './outbox.repository';
import { MessageOutboxRepository } from './messages/message-outbox.repository';
import { signNodeRequest } from './protocol/node-signature.util';
import { INBOX_PATH, MESSAGES_PATH } from './federation.constants';

/**
 * Statuses after which resending the same bytes cannot succeed. Everything else is retried: a 403
 * from a parent whose topology does not list us yet, or a 400 for a fact set it does not know yet
 * (rolling upgrade), heals once the parent is fixed; the sweeper keeps retrying them.
 */
const PERMANENT = new Set([409, 413]);

export type DeliveryOutcome = 'delivered' | 'already-done';

/** What delivery needs of an outbox row and its table (fact batches, node messages). */
interface Deliverable {
  status: string;
  targetNode: string;
  payload: unknown;
  label: Record<string, unknown>;
}
interface AttemptLog {
  markAttempt(id: string, error: string | null, status?: 'delivered' | 'rejected'): Promise<void>;
}

/** Sends outbox rows (fact batches to the parent; node messages to the parent or a child), signed as this node. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly messages: MessageOutboxRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Throws to ask for a retry; throws UnrecoverableError when the target refused the batch for good. */
  async deliver(outboxId: string, correlationId: string): Promise<DeliveryOutcome> {
    const batch = await this.outbox.findById(outboxId);
    if (!batch) return 'already-done';
    return this.send(outboxId, { status: batch.status, targetNode: batch.targetNode, payload: batch.payload, label: { batchKey: batch.batchKey, rows: batch.rowCount } }, INBOX_PATH, this.outbox, correlationId);
  }

  /** The same for a node message. */
  async deliverMessage(outboxId: string, correlationId: string): Promise<DeliveryOutcome> {
    const m = await this.messages.findById(outboxId);
    if (!m) return 'already-done';
    return this.send(outboxId, { status: m.status, targetNode: m.targetNode, payload: m.payload, label: { messageId: m.messageId, type: m.type, subject: m.subject, version: m.version } }, MESSAGES_PATH, this.messages, correlationId);
  }

  private target(code: string): TopologyNode | undefined {
    return code === this.config.parent?.code ? this.config.parent : this.config.topology.get(code);
  }

  private async send(outboxId: string, row: Deliverable, path: string, log: AttemptLog, correlationId: string): Promise<DeliveryOutcome> {
    if (row.status !== 'pending') return 'already-done';
    const target = this.target(row.targetNode);
    if (!target) {
      await log.markAttempt(outboxId, `target ${row.targetNode} is not in the topology`, 'rejected');
      throw new UnrecoverableError(`target ${row.targetNode} is not in the topology`);
    }
    const body = JSON.stringify(row.payload);
    const headers = signNodeRequest({ method: 'POST', path, body, sourceNode: this.config.node.code, targetNode: target.code }, this.config.privateKeyPem);
    let status: number;
    let text: string;
    try {
      const res = await fetch(new URL(path, target.url), {
        method: 'POST',
        body,
        headers: { ...headers, 'content-type': 'application/json', 'x-request-id': correlationId },
        signal: AbortSignal.timeout(this.config.federation.deliveryTimeoutMs),
      });
      status = res.status;
      text = (await res.text()).slice(0, 500);
    } catch (err) {
      const message = `${target.code} unreachable: ${(err as Error).message}`;
      await log.markAttempt(outboxId, message);
      throw new Error(message);
    }
    if (status >= 200 && status < 300) {
      await log.markAttempt(outboxId, null, 'delivered');
      this.logger.log({ correlationId, ...row.label, target: target.code }, 'Delivered');
      return 'delivered';
    }
    const message = `${target.code} answered ${status}: ${text}`;
    if (PERMANENT.has(status)) {
      await log.markAttempt(outboxId, message, 'rejected');
      this.logger.error({ correlationId, ...row.label, status, body: text }, 'Refused by the target; not retried');
      throw new UnrecoverableError(message);
    }
    await log.markAttempt(outboxId, message);
    throw new Error(message);
  }
}
