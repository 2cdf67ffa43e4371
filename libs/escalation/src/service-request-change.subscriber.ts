import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, InsertEvent, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { MessageSender } from '@crm/federation';
import { ServiceRequestEvent } from '@crm/service';
import { EscalationService } from './escalation.service';

/** History actions after which an escalated request's summary may have changed (status, SLA state). */
const CHANGES = ['transition', 'escalate'];
const PENDING = 'crm:escalation:outbox';

/**
 * Keeps the higher tiers' copy of an escalated request current without touching @crm/service:
 * every change of a request writes a history row (service_request_event) in its transaction; this
 * TypeORM subscriber sees that insert, and in the same transaction writes the next summary version
 * to the message outbox (EscalationService.requestChanged). The deliveries are queued once the
 * transaction commits (or, if that fails, by the federation sweeper). City nodes only.
 */
@Injectable()
export class ServiceRequestChangeSubscriber implements EntitySubscriberInterface<ServiceRequestEvent> {
  private readonly logger = new Logger(ServiceRequestChangeSubscriber.name);

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly escalations: EscalationService,
    private readonly sender: MessageSender,
    @Inject(NODE_CONFIG) config: NodeConfig,
  ) {
    if (config.tier === 'city' && !dataSource.subscribers.includes(this)) dataSource.subscribers.push(this);
  }

  listenTo() {
    return ServiceRequestEvent;
  }

  async afterInsert(event: InsertEvent<ServiceRequestEvent>): Promise<void> {
    const e = event.entity as Partial<ServiceRequestEvent> | undefined;
    if (!e?.requestId || !CHANGES.includes(String(e.action))) return;
    const correlationId = (event.queryRunner.data as Record<string, unknown>)?.correlationId as string | undefined;
    const ids = await this.escalations.requestChanged(event.manager, e.requestId, correlationId ?? `escalation-sync-${e.requestId}`);
    if (!ids.length) return;
    const data = event.queryRunner.data as Record<string, unknown>;
    data[PENDING] = [...((data[PENDING] as string[] | undefined) ?? []), ...ids];
    if (!event.queryRunner.isTransactionActive) await this.flush(event.queryRunner.data as Record<string, unknown>);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await this.flush(event.queryRunner.data as Record<string, unknown>);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data) delete data[PENDING];
  }

  private async flush(data: Record<string, unknown> | undefined): Promise<void> {
    const ids = data?.[PENDING] as string[] | undefined;
    if (!ids?.length) return;
    delete data![PENDING];
    await this.sender.dispatch(ids, 'escalation-sync').catch((err) => this.logger.warn({ err }, 'Could not queue escalation updates; the sweeper will'));
  }
}
