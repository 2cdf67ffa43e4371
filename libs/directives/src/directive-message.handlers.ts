import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HandlesNodeMessages, MessageInbox, NodeMessageHandler } from '@crm/federation';
import { DIRECTIVE_KEY_PATTERN, DIRECTIVE_KINDS, directiveContentProblems } from './directives.constants';
import { DirectiveAckPayload, DirectivePayload, DirectiveService } from './directive.service';

const isDay = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const isInstant = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
const isCode = (v: unknown): boolean => typeof v === 'string' && /^\d{6}$/.test(v);

/** `directive` messages from the parent: HQ's or the province's standards and policies. */
@Injectable()
@HandlesNodeMessages()
export class DirectiveMessageHandler implements NodeMessageHandler {
  readonly type = 'directive' as const;
  readonly direction = 'from-parent' as const;

  constructor(private readonly directives: DirectiveService) {}

  validate(p: Record<string, unknown>, m: { subject: string; version: string }): string[] {
    const problems: string[] = [];
    if (!DIRECTIVE_KEY_PATTERN.test(m.subject)) problems.push('subject must be a directive key');
    if (!(Number(m.version) <= 2_147_483_647)) problems.push('version too large');
    if (!DIRECTIVE_KINDS.includes(p.kind as never)) problems.push(`kind must be one of ${DIRECTIVE_KINDS.join(', ')}`);
    if (typeof p.title !== 'string' || !p.title.length || p.title.length > 200) problems.push('title must be 1–200 characters');
    problems.push(...directiveContentProblems(String(p.kind), p.content));
    if (!isDay(p.effectiveFrom)) problems.push('effectiveFrom must be a date');
    if (p.scope !== null && !(Array.isArray(p.scope) && p.scope.every(isCode))) problems.push('scope must be null or node codes');
    if (!isInstant(p.issuedAt)) problems.push('issuedAt must be a date-time');
    if (typeof p.issuedBy !== 'string' || !p.issuedBy.length || p.issuedBy.length > 64) problems.push('issuedBy must be 1–64 characters');
    return problems;
  }

  handle(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    return this.directives.receive(manager, { ...m, payload: m.payload as unknown as DirectivePayload }, correlationId);
  }
}

/** `directive-ack` messages from a child: which version a province or city applied. */
@Injectable()
@HandlesNodeMessages()
export class DirectiveAckMessageHandler implements NodeMessageHandler {
  readonly type = 'directive-ack' as const;
  readonly direction = 'from-child' as const;

  constructor(private readonly directives: DirectiveService) {}

  validate(p: Record<string, unknown>, m: { originNode: string; subject: string; version: string }): string[] {
    const problems: string[] = [];
    if (!isCode(p.directiveOrigin)) problems.push('directiveOrigin must be a node code');
    if (typeof p.key !== 'string' || !DIRECTIVE_KEY_PATTERN.test(p.key)) problems.push('key must be a directive key');
    if (!Number.isInteger(p.version) || (p.version as number) < 1 || String(p.version) !== m.version) problems.push('version must be the envelope version');
    if (p.node !== m.originNode) problems.push('node must be the message origin');
    if (!isInstant(p.appliedAt)) problems.push('appliedAt must be a date-time');
    if (m.subject !== `${String(p.directiveOrigin)}:${String(p.key)}`) problems.push('subject must be <directiveOrigin>:<key>');
    return problems;
  }

  handle(manager: EntityManager, m: MessageInbox, correlationId: string): Promise<{ outcome: string; outboxIds: string[] }> {
    return this.directives.acknowledge(manager, m.payload as unknown as DirectiveAckPayload, correlationId);
  }
}
