import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { OutboxRepository } from './outbox.repository';
import { signNodeRequest } from './protocol/node-signature.util';
import { INBOX_PATH } from './federation.constants';

/**
 * Statuses after which resending the same bytes cannot succeed. Everything else is retried: a 403
 * from a parent whose topology does not list us yet, or a 400 for a fact set it does not know yet
 * (rolling upgrade), heals once the parent is fixed; the sweeper keeps retrying them.
 */
const PERMANENT = new Set([409, 413]);

export type DeliveryOutcome = 'delivered' | 'already-done';

/** Sends one outbox batch to its target node, signed as this node. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Throws to ask for a retry; throws UnrecoverableError when the target refused the batch for good. */
  async deliver(outboxId: string, correlationId: string): Promise<DeliveryOutcome> {
    const batch = await this.outbox.findById(outboxId);
    if (!batch || batch.status !== 'pending') return 'already-done';
    const target = batch.targetNode === this.config.parent?.code ? this.config.parent : this.config.topology.get(batch.targetNode);
    if (!target) {
      await this.outbox.markAttempt(outboxId, `target ${batch.targetNode} is not in the topology`, 'rejected');
      throw new UnrecoverableError(`target ${batch.targetNode} is not in the topology`);
    }
    const body = JSON.stringify(batch.payload);
    const headers = signNodeRequest(
      { method: 'POST', path: INBOX_PATH, body, sourceNode: this.config.node.code, targetNode: target.code },
      this.config.privateKeyPem,
    );
    let status: number;
    let text: string;
    try {
      const res = await fetch(new URL(INBOX_PATH, target.url), {
        method: 'POST',
        body,
        headers: { ...headers, 'content-type': 'application/json', 'x-request-id': correlationId },
        signal: AbortSignal.timeout(this.config.federation.deliveryTimeoutMs),
      });
      status = res.status;
      text = (await res.text()).slice(0, 500);
    } catch (err) {
      const message = `${target.code} unreachable: ${(err as Error).message}`;
      await this.outbox.markAttempt(outboxId, message);
      throw new Error(message);
    }
    if (status >= 200 && status < 300) {
      await this.outbox.markAttempt(outboxId, null, 'delivered');
      this.logger.log({ correlationId, batchKey: batch.batchKey, target: target.code, rows: batch.rowCount }, 'Batch delivered');
      return 'delivered';
    }
    const message = `${target.code} answered ${status}: ${text}`;
    if (PERMANENT.has(status)) {
      await this.outbox.markAttempt(outboxId, message, 'rejected');
      this.logger.error({ correlationId, batchKey: batch.batchKey, status, body: text }, 'Batch refused by the target; not retried');
      throw new UnrecoverableError(message);
    }
    await this.outbox.markAttempt(outboxId, message);
    throw new Error(message);
  }
}
