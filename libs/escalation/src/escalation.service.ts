import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { deterministicMessageId, MessageInbox, MessageSender } from '@crm/federation';
import { CreateEscalationDto, DecideEscalationDto, EscalationDto, EscalationPageDto, EscalationQueryDto, ServiceEscalationDto } from './dto/escalation.dto';
import { Escalation, ServiceEscalation } from './entities';
import {
  ESCALATION_ENTITY, EscalationKind, EscalationLevel, EscalationStatus as St, SERVICE_ESCALATION_ENTITY, TIER_DECISION_EVENT, TIER_ESCALATION_EVENT,
} from './escalation.constants';
import { EscalationRepository } from './escalation.repository';
import { buildSummary, DecisionRecord, EscalationSummary, EscalationUpdatePayload, mergeDecision } from './escalation-summary.util';

const iso = (v: Date | string | null): string | null => (v ? new Date(v).toISOString() : null);
const OPEN_REQUEST = ['acknowledged', 'in_progress', 'pending'];
const UNFINISHED = [St.Open, St.UnderReview, St.Forwarded] as string[];

export function toServiceEscalationDto(e: ServiceEscalation, summary?: EscalationSummary): ServiceEscalationDto {
  return {
    id: e.id, requestId: e.requestId, kind: e.kind, level: e.level, reason: e.reason, status: e.status, decision: e.decision, note: e.note, decidedNode: e.decidedNode,
    decidedAt: iso(e.decidedAt), decisions: e.decisions, summaryVersion: e.summaryVersion, createdBy: e.createdBy, createdAt: iso(e.createdAt)!, updatedAt: iso(e.updatedAt)!,
    ...(summary ? { summary: summary as unknown as Record<string, unknown> } : {}),
  };
}

export function toEscalationDto(e: Escalation): EscalationDto {
  return {
    id: e.id, originNode: e.originNode, reference: e.reference, receivedFrom: e.receivedFrom, kind: e.kind, status: e.status, decision: e.decision, note: e.note,
    decidedNode: e.decidedNode, decidedAt: iso(e.decidedAt), summaryVersion: e.summaryVersion, summary: e.summary as unknown as Record<string, unknown>,
    decisions: e.decisions, forwardedAt: iso(e.forwardedAt), receivedAt: iso(e.receivedAt)!, updatedAt: iso(e.updatedAt)!,
  };
}

/**
 * 升級 / 申訴 across tiers (docs/escalation.md). A city escalates one of its service requests: a
 * summary without personal data goes up as an `escalation` node message (new versions when the
 * request changes); the province decides or forwards it to HQ; every decision comes back down as
 * an `escalation-update` (HQ → province → city) and lands on the city's escalation and in the
 * request's history. Transport, node authentication and idempotency are the federation's.
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly repo: EscalationRepository,
    private readonly sender: MessageSender,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  private get me(): string {
    return this.config.node.code;
  }

  // ------------------------------------------------------------ city

  /** Escalates (or appeals) a request of this city: city-side row, history row, audit and the message to the province, in one transaction. */
  async escalate(requestId: string, dto: CreateEscalationDto, actor: RequestActor, correlationId: string): Promise<ServiceEscalationDto> {
    if (this.config.tier !== 'city' || !this.config.parent) throw new DomainException(ErrorCode.NotSupportedOnTier, 'Service requests are escalated by the city that holds them');
    const parent = this.config.parent.code;
    const level = dto.level ?? EscalationLevel.Province;
    const reason = dto.reason.trim();
    if (!reason) throw DomainException.badRequest('reason must not be blank', [{ field: 'reason', problem: 'blank' }]);
    const { row, summary, outboxId } = await this.repo.transaction(async (manager) => {
      const req = await this.repo.lockRequest(manager, requestId);
      if (!req) throw DomainException.notFound('Service request', requestId);
      const allowed = dto.kind === EscalationKind.Appeal ? [...OPEN_REQUEST, 'resolved'] : OPEN_REQUEST;
      if (!allowed.includes(req.status)) {
        throw DomainException.conflict(`A ${req.status} request cannot be ${dto.kind === EscalationKind.Appeal ? 'appealed' : 'escalated'}`, [{ field: 'kind', problem: `allowed while ${allowed.join(', ')}` }]);
      }
      const pending = (await this.repo.serviceEscalationsOf(manager, requestId)).find((e) => e.kind === dto.kind && UNFINISHED.includes(e.status));
      if (pending) throw DomainException.conflict(`The request already has an unfinished ${dto.kind} (${pending.id})`, [{ field: 'kind', problem: `${pending.status} ${dto.kind} ${pending.id}` }]);
      const src = (await this.repo.summarySource(manager, requestId))!;
      const now = new Date();
      const probe = buildSummary(src, { kind: dto.kind, level, reason, createdAt: now }, now);
      const row = await this.repo.insertServiceEscalation(manager, {
        requestId, kind: dto.kind, level, reason, status: St.Open, summaryVersion: 1, sentRequestStatus: probe.requestStatus, sentSlaBreached: probe.slaBreached, createdBy: actor.username,
      });
      const summary = buildSummary(src, { kind: row.kind, level: row.level, reason: row.reason, createdAt: row.createdAt }, now);
      await this.repo.insertRequestEvent(manager, {
        requestId, action: TIER_ESCALATION_EVENT, reason, by: actor.username,
        details: { escalationId: row.id, kind: dto.kind, level, sentTo: parent, summaryVersion: 1 },
      });
      await this.audit.record(manager, actor, { action: 'create', entityType: SERVICE_ESCALATION_ENTITY, entityId: row.id, newValues: { requestId, kind: dto.kind, level, reason, sentTo: parent } });
      const outboxId = await this.sendSummary(manager, row.id, 1, summary, correlationId);
      return { row, summary, outboxId };
    });
    await this.sender.dispatch([outboxId], correlationId);
    return toServiceEscalationDto(row, summary);
  }

  /**
   * The request changed (a transition, an SLA breach): for each of its escalations whose last
   * summary no longer says the same status / SLA state, the next summary version goes up, in the
   * caller's transaction. Answers the outbox ids to dispatch after the commit.
   */
  async requestChanged(manager: EntityManager, requestId: string, correlationId: string): Promise<string[]> {
    if (this.config.tier !== 'city' || !this.config.parent) return [];
    const rows = await this.repo.serviceEscalationsOf(manager, requestId, true);
    if (!rows.length) return [];
    const src = await this.repo.summarySource(manager, requestId);
    if (!src) return [];
    const ids: string[] = [];
    for (const row of rows) {
      const summary = buildSummary(src, { kind: row.kind, level: row.level, reason: row.reason, createdAt: row.createdAt });
      if (summary.requestStatus === row.sentRequestStatus && summary.slaBreached === row.sentSlaBreached) continue;
      const version = row.summaryVersion + 1;
      await this.repo.updateServiceEscalation(manager, row.id, { summaryVersion: version, sentRequestStatus: summary.requestStatus, sentSlaBreached: summary.slaBreached });
      ids.push(await this.sendSummary(manager, row.id, version, summary, correlationId));
    }
    return ids;
  }

  private sendSummary(manager: EntityManager, escalationId: string, version: number, summary: EscalationSummary, correlationId: string): Promise<string> {
    return this.sender.send(manager, this.config.parent!.code, {
      type: 'escalation', subject: escalationId, version, payload: summary as unknown as Record<string, unknown>,
      messageId: deterministicMessageId('escalation', this.me, escalationId, String(version), this.config.parent!.code),
    }, correlationId);
  }

  async ofRequest(requestId: string): Promise<ServiceEscalationDto[]> {
    if (this.config.tier !== 'city') throw new DomainException(ErrorCode.NotSupportedOnTier, 'Service requests live in the cities');
    if (!(await this.repo.requestExists(requestId))) throw DomainException.notFound('Service request', requestId);
    return (await this.repo.serviceEscalationsOf(undefined, requestId)).map((e) => toServiceEscalationDto(e));
  }

  /** A decision from above arrives at the city: recorded on its escalation and in the request's history. */
  async applyDecisionAtCity(manager: EntityManager, m: MessageInbox): Promise<{ outcome: string; outboxIds: string[] }> {
    const p = m.payload as unknown as EscalationUpdatePayload;
    // lock order as in a request's own changes (request, then its escalations): no deadlock with a concurrent transition
    const known = await manager.findOne(ServiceEscalation, { where: { id: m.subject }, select: { id: true, requestId: true } });
    if (!known) return { outcome: 'unknown-escalation', outboxIds: [] };
    await this.repo.lockRequest(manager, known.requestId);
    const row = (await this.repo.lockServiceEscalation(manager, m.subject))!;
    const rec: DecisionRecord = { node: m.originNode, version: Number(m.version), status: p.status, decision: p.decision, note: p.note, decidedBy: p.decidedBy, decidedAt: p.decidedAt };
    const merged = mergeDecision(row.decisions, rec);
    if (!merged.added) return { outcome: 'duplicate', outboxIds: [] };
    const c = merged.current;
    await this.repo.updateServiceEscalation(manager, row.id, { decisions: merged.list as never, status: c.status, decision: c.decision, note: c.note, decidedNode: c.node, decidedAt: new Date(c.decidedAt) });
    await this.repo.insertRequestEvent(manager, {
      requestId: row.requestId, action: TIER_DECISION_EVENT, reason: p.decision, by: `${p.decidedBy}@${m.originNode}`,
      details: { escalationId: row.id, kind: row.kind, status: p.status, decision: p.decision, note: p.note, decidedNode: m.originNode, decidedAt: p.decidedAt, version: rec.version, stale: merged.stale, escalationStatus: c.status },
    });
    return { outcome: merged.stale ? 'stale' : 'applied', outboxIds: [] };
  }

  // ------------------------------------------------------------ province / HQ

  /** An escalation (or a newer summary of one) from a city, directly or through a province. */
  async receive(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    const summary = m.payload as unknown as EscalationSummary;
    const version = Number(m.version);
    const created = await this.repo.insertEscalation(manager, {
      originNode: m.originNode, reference: m.subject, receivedFrom: m.sourceNode, kind: summary.escalationKind, summaryVersion: version, summary: summary as never, status: St.Open,
    });
    const row = (await this.repo.lockEscalation(manager, { originNode: m.originNode, reference: m.subject }))!;
    if (created) {
      if (this.config.tier === 'province' && this.config.parent && summary.level === EscalationLevel.Hq) {
        const outboxIds = await this.recordOwnDecision(manager, row, { status: St.Forwarded, decision: 'Forwarded to HQ as the city asked', note: null }, 'system', correlationId);
        return { outcome: 'received-forwarded', outboxIds };
      }
      return { outcome: 'received', outboxIds: [] };
    }
    if (version <= row.summaryVersion) return { outcome: 'stale', outboxIds: [] };
    await this.repo.updateEscalation(manager, row.id, { summary: summary as never, summaryVersion: version });
    const outboxIds = row.forwardedAt && this.config.parent ? [await this.forward(manager, { ...row, summary, summaryVersion: version }, correlationId)] : [];
    return { outcome: outboxIds.length ? 'updated-relayed' : 'updated', outboxIds };
  }

  /** HQ's decision reaches the province: recorded on its copy and relayed to the city. */
  async applyDecisionAtProvince(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    const p = m.payload as unknown as EscalationUpdatePayload;
    const row = await this.repo.lockEscalation(manager, { originNode: p.city, reference: m.subject });
    if (!row) return { outcome: 'unknown-escalation', outboxIds: [] };
    const rec: DecisionRecord = { node: m.originNode, version: Number(m.version), status: p.status, decision: p.decision, note: p.note, decidedBy: p.decidedBy, decidedAt: p.decidedAt };
    const merged = mergeDecision(row.decisions, rec);
    if (merged.added) await this.repo.updateEscalation(manager, row.id, this.currentOf(merged.list, merged.current));
    // relayed even when already recorded: the message id is deterministic, so the city keeps it once
    const relay = await this.sender.send(manager, p.city, {
      type: 'escalation-update', originNode: m.originNode, subject: m.subject, version: m.version, payload: p as unknown as Record<string, unknown>,
      messageId: deterministicMessageId('escalation-update', m.originNode, m.subject, m.version, p.city),
    }, correlationId);
    return { outcome: !merged.added ? 'duplicate-relayed' : merged.stale ? 'stale-relayed' : 'relayed', outboxIds: [relay] };
  }

  async list(q: EscalationQueryDto): Promise<EscalationPageDto | { items: ServiceEscalationDto[]; total: number; page: number; pageSize: number }> {
    if (this.config.tier === 'city') {
      const [rows, total] = await this.repo.pageServiceEscalations(q, q.page, q.pageSize);
      return { items: rows.map((r) => toServiceEscalationDto(r)), total, page: q.page, pageSize: q.pageSize };
    }
    const [rows, total] = await this.repo.pageEscalations(q, q.page, q.pageSize);
    return { items: rows.map(toEscalationDto), total, page: q.page, pageSize: q.pageSize };
  }

  async findOne(id: string): Promise<EscalationDto | ServiceEscalationDto> {
    if (this.config.tier === 'city') {
      const row = await this.repo.findServiceEscalation(id);
      if (!row) throw DomainException.notFound('Escalation', id);
      return toServiceEscalationDto(row);
    }
    const row = await this.repo.findEscalation(id);
    if (!row) throw DomainException.notFound('Escalation', id);
    return toEscalationDto(row);
  }

  /** A province's or HQ's decision: recorded, sent down (and, when forwarded, the escalation sent up). */
  async decide(id: string, dto: DecideEscalationDto, actor: RequestActor, correlationId: string): Promise<EscalationDto> {
    if (this.config.tier === 'city') throw new DomainException(ErrorCode.NotSupportedOnTier, 'Provinces and HQ decide escalations; a city escalates');
    const outboxIds = await this.repo.transaction(async (manager) => {
      const row = await this.repo.lockEscalation(manager, { id });
      if (!row) throw DomainException.notFound('Escalation', id);
      if (dto.status === St.Forwarded) {
        if (!this.config.parent) throw DomainException.conflict('HQ has no tier above to forward to', [{ field: 'status', problem: 'forwarded is for provinces' }]);
        if (row.forwardedAt) throw DomainException.conflict('The escalation was already forwarded', [{ field: 'status', problem: 'already forwarded' }]);
      }
      const ids = await this.recordOwnDecision(manager, row, { status: dto.status, decision: dto.decision.trim(), note: dto.note?.trim() || null }, actor.username, correlationId);
      await this.audit.record(manager, actor, {
        action: 'update', entityType: ESCALATION_ENTITY, entityId: row.id,
        oldValues: { status: row.status, decision: row.decision }, newValues: { status: dto.status, decision: dto.decision.trim(), note: dto.note ?? null, originNode: row.originNode, reference: row.reference },
      });
      return ids;
    });
    await this.sender.dispatch(outboxIds, correlationId);
    return this.findOne(id) as Promise<EscalationDto>;
  }

  private currentOf(list: DecisionRecord[], c: DecisionRecord) {
    return { decisions: list as never, status: c.status, decision: c.decision, note: c.note, decidedNode: c.node, decidedBy: c.decidedBy, decidedAt: new Date(c.decidedAt) };
  }

  /** This node's next decision on `row`: stored, sent down to whoever sent the escalation, and the escalation sent up when forwarded. */
  private async recordOwnDecision(manager: EntityManager, row: Escalation, d: { status: string; decision: string | null; note: string | null }, by: string, correlationId: string): Promise<string[]> {
    const version = row.decisionVersion + 1;
    const rec: DecisionRecord = { node: this.me, version, status: d.status, decision: d.decision, note: d.note, decidedBy: by, decidedAt: new Date().toISOString() };
    const merged = mergeDecision(row.decisions, rec);
    const forwarded = d.status === St.Forwarded;
    await this.repo.updateEscalation(manager, row.id, { ...this.currentOf(merged.list, merged.current), decisionVersion: version, ...(forwarded ? { forwardedAt: new Date() } : {}) });
    const ids: string[] = [];
    if (forwarded) ids.push(await this.forward(manager, row, correlationId));
    const payload: EscalationUpdatePayload = { city: row.originNode, status: d.status, decision: d.decision, note: d.note, decidedNode: this.me, decidedBy: by, decidedAt: rec.decidedAt };
    ids.push(
      await this.sender.send(manager, row.receivedFrom, {
        type: 'escalation-update', subject: row.reference, version, payload: payload as unknown as Record<string, unknown>,
        messageId: deterministicMessageId('escalation-update', this.me, row.reference, String(version), row.receivedFrom),
      }, correlationId),
    );
    return ids;
  }

  /** Sends the escalation (its current summary version) on to the parent, keeping the city as its origin. */
  private forward(manager: EntityManager, row: Pick<Escalation, 'originNode' | 'reference' | 'summary' | 'summaryVersion'>, correlationId: string): Promise<string> {
    const parent = this.config.parent!.code;
    return this.sender.send(manager, parent, {
      type: 'escalation', originNode: row.originNode, subject: row.reference, version: row.summaryVersion, payload: row.summary as unknown as Record<string, unknown>,
      messageId: deterministicMessageId('escalation', row.originNode, row.reference, String(row.summaryVersion), parent),
    }, correlationId);
  }
}
