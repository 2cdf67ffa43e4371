import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { HandlesNodeMessages, MessageInbox, NodeMessageHandler } from '@crm/federation';
import { EscalationService } from './escalation.service';
import { summaryProblems, updateProblems } from './escalation-summary.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `escalation` messages from a child: a city's escalation summary (directly, or forwarded by a province). */
@Injectable()
@HandlesNodeMessages()
export class EscalationMessageHandler implements NodeMessageHandler {
  readonly type = 'escalation' as const;
  readonly direction = 'from-child' as const;

  constructor(private readonly escalations: EscalationService) {}

  validate(p: Record<string, unknown>, m: { originNode: string; subject: string; version: string }): string[] {
    const problems = summaryProblems(p);
    if (!UUID.test(m.subject)) problems.push("subject must be the city's escalation id");
    if (!(Number(m.version) <= 2_147_483_647)) problems.push('version too large');
    return problems;
  }

  handle(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    return this.escalations.receive(manager, m, correlationId);
  }
}

/** `escalation-update` messages from the parent: a decision of the province or HQ (relayed by the province). */
@Injectable()
@HandlesNodeMessages()
export class EscalationUpdateMessageHandler implements NodeMessageHandler {
  readonly type = 'escalation-update' as const;
  readonly direction = 'from-parent' as const;

  constructor(
    private readonly escalations: EscalationService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  validate(p: Record<string, unknown>, m: { originNode: string; subject: string; version: string }): string[] {
    const problems = updateProblems(p, m);
    if (!UUID.test(m.subject)) problems.push("subject must be the city's escalation id");
    if (!(Number(m.version) <= 2_147_483_647)) problems.push('version too large');
    if (this.config.tier === 'city' && p.city !== this.config.node.code) problems.push('city must be this node');
    if (this.config.tier === 'province' && this.config.topology.get(String(p.city))?.parent !== this.config.node.code) problems.push('city must be a city of this province');
    return problems;
  }

  handle(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    return this.config.tier === 'city' ? this.escalations.applyDecisionAtCity(manager, m) : this.escalations.applyDecisionAtProvince(manager, m, correlationId);
  }
}
