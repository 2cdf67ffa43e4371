import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long finished federation bookkeeping is kept (the facts themselves are kept for good). */
export const FEDERATION_RETENTION = {
  /** Delivered outbox batches and applied inbox batches (their rows live on in `fact`), and node messages (their content lives on in the domain's tables). */
  batchDays: 30,
  /** Refused node requests, for investigations. */
  securityEventDays: 180,
  /** Rows deleted per statement, so a purge never holds long locks. */
  chunk: 5000,
} as const;

export interface PurgeResult {
  outbox: number;
  inbox: number;
  messageOutbox: number;
  messageInbox: number;
  securityEvents: number;
}

/**
 * Keeps the outbox, inbox and security-event tables bounded. Pending or rejected outbox rows and
 * unapplied inbox rows are never purged: they are work still to do or to look at.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purge(correlationId: string, now = new Date()): Promise<PurgeResult> {
    const day = 86_400_000;
    const batchesBefore = new Date(now.getTime() - FEDERATION_RETENTION.batchDays * day);
    const eventsBefore = new Date(now.getTime() - FEDERATION_RETENTION.securityEventDays * day);
    const result: PurgeResult = {
      outbox: await this.chunked(`DELETE FROM outbox_batch WHERE id IN (SELECT id FROM outbox_batch WHERE status = 'delivered' AND delivered_at < $1 LIMIT $2)`, batchesBefore),
      inbox: await this.chunked(`DELETE FROM inbox_batch WHERE id IN (SELECT id FROM inbox_batch WHERE applied_at IS NOT NULL AND applied_at < $1 LIMIT $2)`, batchesBefore),
      messageOutbox: await this.chunked(`DELETE FROM message_outbox WHERE id IN (SELECT id FROM message_outbox WHERE status = 'delivered' AND delivered_at < $1 LIMIT $2)`, batchesBefore),
      messageInbox: await this.chunked(`DELETE FROM message_inbox WHERE id IN (SELECT id FROM message_inbox WHERE applied_at IS NOT NULL AND applied_at < $1 LIMIT $2)`, batchesBefore),
      securityEvents: await this.chunked(`DELETE FROM federation_security_event WHERE id IN (SELECT id FROM federation_security_event WHERE occurred_at < $1 LIMIT $2)`, eventsBefore),
    };
    if (Object.values(result).some(Boolean)) this.logger.log({ correlationId, ...result }, 'Purged federation bookkeeping');
    return result;
  }

  private async chunked(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected] = (await this.dataSource.query(sql, [before, FEDERATION_RETENTION.chunk])) as [unknown, number];
      total += affected ?? 0;
      if (!affected || affected < FEDERATION_RETENTION.chunk) return total;
    }
  }
}
