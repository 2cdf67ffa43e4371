import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { isWithinDivision, NODE_CONFIG, NodeConfig, tierOfDivisionCode } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { deterministicMessageId, MessageSender, todayIn } from '@crm/federation';
import { DIRECTIVE_ENTITY, directiveContentProblems } from './directives.constants';
import { inScope } from './directive-scope.util';
import { DirectiveRepository } from './directive.repository';
import { CreateDirectiveDto, DirectiveDetailDto, DirectiveDto, DirectivePageDto, DirectiveQueryDto } from './dto/directive.dto';
import { Directive } from './entities';

/** The payload of a `directive` node message: the directive as issued (origin, key and version travel in the envelope). */
export interface DirectivePayload {
  kind: string;
  title: string;
  content: Record<string, unknown>;
  effectiveFrom: string;
  scope: string[] | null;
  issuedAt: string;
  issuedBy: string;
}

/** The payload of a `directive-ack`: `node` applied `version` of (directiveOrigin, key). */
export interface DirectiveAckPayload {
  directiveOrigin: string;
  key: string;
  version: number;
  node: string;
  appliedAt: string;
}

export function toDirectiveDto(d: Directive & { current?: boolean }): DirectiveDto {
  return {
    id: d.id,
    originNode: d.originNode,
    key: d.key,
    version: d.version,
    kind: d.kind,
    title: d.title,
    content: d.content,
    effectiveFrom: d.effectiveFrom,
    scope: d.scope,
    issuedAt: new Date(d.issuedAt).toISOString(),
    issuedBy: d.issuedBy,
    receivedAt: d.receivedAt ? new Date(d.receivedAt).toISOString() : null,
    receivedFrom: d.receivedFrom,
    current: d.current ?? true,
  };
}

/**
 * 指令 (ARCHITECTURE.md "Downward: directives"): HQ and provinces issue standards and policies,
 * versioned per key; they travel down as node messages, each province relays them to its cities
 * in scope, and every node that applies a version reports it back up, so the issuer sees which
 * version each province and city has applied.
 */
@Injectable()
export class DirectiveService {
  constructor(
    private readonly repo: DirectiveRepository,
    private readonly sender: MessageSender,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Issues the next version of a key and sends it to the children in scope. */
  async issue(dto: CreateDirectiveDto, actor: RequestActor, correlationId: string): Promise<DirectiveDetailDto> {
    const me = this.config.node.code;
    if (this.config.tier === 'city') throw new DomainException(ErrorCode.NotSupportedOnTier, 'Cities apply directives; HQ and provinces issue them');
    const problems = directiveContentProblems(dto.kind, dto.content);
    const outside = (dto.scope ?? []).filter((code) => !isWithinDivision(code, me) || tierOfDivisionCode(code) === undefined);
    if (outside.length) problems.push(`scope: ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not below ${me}`);
    if (problems.length) throw new DomainException(ErrorCode.ValidationFailed, 'Invalid directive', problems.map((p) => ({ field: p.startsWith('scope') ? 'scope' : 'content', problem: p })));
    const effectiveFrom = dto.effectiveFrom ?? todayIn(this.config.timezone);
    const { row, outboxIds } = await this.repo.transaction(async (manager) => {
      const version = await this.repo.nextVersion(manager, me, dto.key);
      const { row } = await this.repo.insert(manager, {
        originNode: me, key: dto.key, version, kind: dto.kind, title: dto.title, content: dto.content, effectiveFrom, scope: dto.scope ?? null,
        issuedAt: new Date(), issuedBy: actor.username, receivedAt: null, receivedFrom: null,
      });
      await this.audit.record(manager, actor, { action: 'create', entityType: DIRECTIVE_ENTITY, entityId: row.id, newValues: { key: row.key, version, kind: row.kind, title: row.title, content: row.content, effectiveFrom, scope: row.scope } });
      const outboxIds = await this.relay(manager, row, correlationId);
      return { row, outboxIds };
    });
    await this.sender.dispatch(outboxIds, correlationId);
    return this.detail(row);
  }

  async list(q: DirectiveQueryDto): Promise<DirectivePageDto> {
    const [rows, total] = await this.repo.page(q, q.page, q.pageSize);
    return { items: rows.map(toDirectiveDto), total, page: q.page, pageSize: q.pageSize };
  }

  /** The directives in force here today: the highest version of each key whose effective day has come. */
  async inForce(q: { key?: string; kind?: string } = {}): Promise<DirectiveDto[]> {
    return (await this.repo.inForce(todayIn(this.config.timezone), q)).map(toDirectiveDto);
  }

  /** For other domains: the version of a key in force on `day` (default today), or null. */
  async inForceOn(key: string, day?: string): Promise<DirectiveDto | null> {
    const [d] = await this.repo.inForce(day ?? todayIn(this.config.timezone), { key });
    return d ? toDirectiveDto(d) : null;
  }

  async findOne(id: string): Promise<DirectiveDetailDto> {
    const row = await this.repo.findById(id);
    if (!row) throw DomainException.notFound('Directive', id);
    return this.detail(row);
  }

  /** The directive with, for each node below this one in its scope that the topology lists, the version it applied. */
  private async detail(row: Directive): Promise<DirectiveDetailDto> {
    const me = this.config.node.code;
    const receipts = await this.repo.latestReceipts(row.originNode, row.key);
    const highest = Math.max(row.version, ...[...receipts.values()].map((r) => r.version));
    const nodes = this.config.topology.nodes
      .filter((n) => isWithinDivision(n.code, me) && inScope(row.scope, n.code))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((n) => {
        const r = receipts.get(n.code);
        return {
          nodeCode: n.code,
          nodeName: n.name,
          status: !r ? 'pending' : r.version >= row.version ? 'applied' : 'behind',
          appliedVersion: r?.version ?? null,
          appliedAt: r ? new Date(r.appliedAt).toISOString() : null,
        };
      });
    return { ...toDirectiveDto({ ...row, current: row.version >= highest }), nodes };
  }

  // ------------------------------------------------------------ node messages (run in the apply job's transaction)

  /** A directive from above: stored once, applied here (a receipt), relayed to the cities in scope, reported up. */
  async receive(manager: EntityManager, m: { originNode: string; subject: string; version: string; sourceNode: string; payload: DirectivePayload }, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    const me = this.config.node.code;
    const version = Number(m.version);
    const p = m.payload;
    const { row, created } = await this.repo.insert(manager, {
      originNode: m.originNode, key: m.subject, version, kind: p.kind, title: p.title, content: p.content, effectiveFrom: p.effectiveFrom, scope: p.scope,
      issuedAt: new Date(p.issuedAt), issuedBy: p.issuedBy, receivedAt: new Date(), receivedFrom: m.sourceNode,
    });
    if (!created) return { outcome: 'duplicate', outboxIds: [] };
    const appliedAt = new Date();
    await this.repo.recordReceipt(manager, { originNode: row.originNode, key: row.key, version, nodeCode: me, appliedAt });
    const outboxIds = await this.relay(manager, row, correlationId);
    const ack: DirectiveAckPayload = { directiveOrigin: row.originNode, key: row.key, version, node: me, appliedAt: appliedAt.toISOString() };
    outboxIds.push(await this.sendAck(manager, ack, correlationId));
    const newest = (await this.repo.highestVersion(manager, row.originNode, row.key)) === version;
    return { outcome: newest ? 'applied' : 'applied-older', outboxIds };
  }

  /** A child (or, through a province, a city) applied a version: recorded here and reported further up unless this node issued it. */
  async acknowledge(manager: EntityManager, ack: DirectiveAckPayload, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    const recorded = await this.repo.recordReceipt(manager, { originNode: ack.directiveOrigin, key: ack.key, version: ack.version, nodeCode: ack.node, appliedAt: new Date(ack.appliedAt) });
    if (ack.directiveOrigin === this.config.node.code || !this.config.parent) return { outcome: recorded ? 'recorded' : 'duplicate', outboxIds: [] };
    return { outcome: 'relayed', outboxIds: [await this.sendAck(manager, ack, correlationId)] };
  }

  /** Sends a directive this node issued or received to each child in its scope. */
  private async relay(manager: EntityManager, row: Directive, correlationId: string): Promise<string[]> {
    const payload: DirectivePayload = {
      kind: row.kind, title: row.title, content: row.content, effectiveFrom: row.effectiveFrom, scope: row.scope, issuedAt: new Date(row.issuedAt).toISOString(), issuedBy: row.issuedBy,
    };
    const ids: string[] = [];
    for (const child of this.sender.children().filter((c) => inScope(row.scope, c))) {
      ids.push(
        await this.sender.send(manager, child, {
          type: 'directive', originNode: row.originNode, subject: row.key, version: row.version, payload: payload as unknown as Record<string, unknown>,
          messageId: deterministicMessageId('directive', row.originNode, row.key, String(row.version), child),
        }, correlationId),
      );
    }
    return ids;
  }

  private sendAck(manager: EntityManager, ack: DirectiveAckPayload, correlationId: string): Promise<string> {
    return this.sender.send(manager, this.config.parent!.code, {
      type: 'directive-ack', originNode: ack.node, subject: `${ack.directiveOrigin}:${ack.key}`, version: ack.version, payload: ack as unknown as Record<string, unknown>,
      messageId: deterministicMessageId('directive-ack', ack.directiveOrigin, ack.key, String(ack.version), ack.node),
    }, correlationId);
  }
}
