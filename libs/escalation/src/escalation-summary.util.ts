import { ESCALATION_KINDS, ESCALATION_LEVELS, ESCALATION_STATUSES, REASON_MAX, SUMMARY_TITLE_MAX } from './escalation.constants';

/**
 * What leaves the city in an `escalation` message — and nothing else (the receiver refuses any
 * other key). The request is identified by the city's own id (`requestRef`): the province and HQ
 * can name it back to the city but cannot look anything up with it. No customer id, name, phone,
 * ID number, address, subscription or circuit reference, description or notes; the customer only
 * as its type, key-account level and district (what a higher tier needs to weigh the case and
 * count it by area); the title cut to 60 characters.
 */
export interface EscalationSummary {
  /** The city's service request id. */
  requestRef: string;
  escalationKind: string;
  /** The tier the city asked to decide. */
  level: string;
  reason: string;
  escalatedAt: string;
  requestKind: string;
  channel: string;
  severity: string;
  requestStatus: string;
  title: string;
  createdAt: string;
  responseDueAt: string;
  resolutionDueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  responseBreached: boolean;
  resolutionBreached: boolean;
  /** Either clock breached (now, or at resolution). */
  slaBreached: boolean;
  handoverCount: number;
  keyAccount: boolean;
  customerType: string | null;
  keyAccountLevel: string | null;
  districtCode: string | null;
}

export const SUMMARY_KEYS: readonly (keyof EscalationSummary)[] = [
  'requestRef', 'escalationKind', 'level', 'reason', 'escalatedAt', 'requestKind', 'channel', 'severity', 'requestStatus', 'title', 'createdAt',
  'responseDueAt', 'resolutionDueAt', 'resolvedAt', 'closedAt', 'responseBreached', 'resolutionBreached', 'slaBreached', 'handoverCount',
  'keyAccount', 'customerType', 'keyAccountLevel', 'districtCode',
];

/** The request's columns the summary is built from (snake_case, as read with SQL). */
export interface SummarySource {
  id: string;
  kind: string;
  channel: string;
  severity: string;
  status: string;
  title: string;
  created_at: Date | string;
  response_due_at: Date | string;
  resolution_due_at: Date | string;
  responded_at: Date | string | null;
  resolved_at: Date | string | null;
  closed_at: Date | string | null;
  response_breached_at: Date | string | null;
  resolution_breached_at: Date | string | null;
  handover_count: number;
  key_account: boolean;
  customer_type: string | null;
  key_account_level: string | null;
  district_code: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

/** The summary of a request for an escalation (pure). `status` overrides the row's when the change is being written. */
export function buildSummary(r: SummarySource, e: { kind: string; level: string; reason: string; createdAt: Date | string }, now = new Date()): EscalationSummary {
  const t = now.getTime();
  const responseDue = new Date(r.response_due_at).getTime();
  const resolutionDue = new Date(r.resolution_due_at).getTime();
  const responseBreached = !!r.response_breached_at || (r.responded_at ? new Date(r.responded_at).getTime() > responseDue : t > responseDue);
  const resolutionEnd = r.resolved_at ? new Date(r.resolved_at).getTime() : null;
  const resolutionBreached = !!r.resolution_breached_at || (resolutionEnd !== null ? resolutionEnd > resolutionDue : ['acknowledged', 'in_progress'].includes(r.status) && t > resolutionDue);
  const title = r.title.length > SUMMARY_TITLE_MAX ? `${r.title.slice(0, SUMMARY_TITLE_MAX - 1)}…` : r.title;
  return {
    requestRef: r.id,
    escalationKind: e.kind,
    level: e.level,
    reason: e.reason,
    escalatedAt: iso(e.createdAt)!,
    requestKind: r.kind,
    channel: r.channel,
    severity: r.severity,
    requestStatus: r.status,
    title,
    createdAt: iso(r.created_at)!,
    responseDueAt: iso(r.response_due_at)!,
    resolutionDueAt: iso(r.resolution_due_at)!,
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    responseBreached,
    resolutionBreached,
    slaBreached: responseBreached || resolutionBreached,
    handoverCount: Number(r.handover_count),
    keyAccount: !!r.key_account,
    customerType: r.customer_type ?? null,
    keyAccountLevel: r.key_account_level ?? null,
    districtCode: r.district_code ?? null,
  };
}

const isStr = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
const isStrOrNull = (v: unknown, max: number) => v === null || isStr(v, max);
const isInstant = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
const isInstantOrNull = (v: unknown) => v === null || isInstant(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Problems with a received summary: exactly the allowed keys, each of the right shape. */
export function summaryProblems(p: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const k of Object.keys(p)) if (!(SUMMARY_KEYS as string[]).includes(k)) problems.push(`${k} is not part of an escalation summary`);
  if (typeof p.requestRef !== 'string' || !UUID.test(p.requestRef)) problems.push('requestRef must be a UUID');
  if (!ESCALATION_KINDS.includes(p.escalationKind as never)) problems.push(`escalationKind must be one of ${ESCALATION_KINDS.join(', ')}`);
  if (!ESCALATION_LEVELS.includes(p.level as never)) problems.push(`level must be one of ${ESCALATION_LEVELS.join(', ')}`);
  if (!isStr(p.reason, REASON_MAX)) problems.push(`reason must be 1–${REASON_MAX} characters`);
  for (const k of ['requestKind', 'channel', 'severity', 'requestStatus']) if (!isStr(p[k], 24)) problems.push(`${k} must be a code`);
  if (!isStr(p.title, SUMMARY_TITLE_MAX)) problems.push(`title must be 1–${SUMMARY_TITLE_MAX} characters`);
  for (const k of ['escalatedAt', 'createdAt', 'responseDueAt', 'resolutionDueAt']) if (!isInstant(p[k])) problems.push(`${k} must be a date-time`);
  for (const k of ['resolvedAt', 'closedAt']) if (!isInstantOrNull(p[k])) problems.push(`${k} must be a date-time or null`);
  for (const k of ['responseBreached', 'resolutionBreached', 'slaBreached', 'keyAccount']) if (typeof p[k] !== 'boolean') problems.push(`${k} must be a boolean`);
  if (!Number.isInteger(p.handoverCount) || (p.handoverCount as number) < 0) problems.push('handoverCount must be a whole number');
  for (const k of ['customerType', 'keyAccountLevel']) if (!isStrOrNull(p[k], 24)) problems.push(`${k} must be a code or null`);
  if (!(p.districtCode === null || (typeof p.districtCode === 'string' && /^\d{6}$/.test(p.districtCode)))) problems.push('districtCode must be a district code or null');
  return problems;
}

/** The payload of an `escalation-update`: a decision of `decidedNode` on the city's escalation (subject). */
export interface EscalationUpdatePayload {
  /** The city the escalation came from. */
  city: string;
  status: string;
  decision: string | null;
  note: string | null;
  decidedNode: string;
  decidedBy: string;
  decidedAt: string;
}

export function updateProblems(p: Record<string, unknown>, m: { originNode: string }): string[] {
  const problems: string[] = [];
  const known = ['city', 'status', 'decision', 'note', 'decidedNode', 'decidedBy', 'decidedAt'];
  for (const k of Object.keys(p)) if (!known.includes(k)) problems.push(`${k} is not part of an escalation update`);
  if (typeof p.city !== 'string' || !/^\d{6}$/.test(p.city)) problems.push('city must be a node code');
  if (!ESCALATION_STATUSES.includes(p.status as never) || p.status === 'open') problems.push('status must be a decision status');
  if (!isStrOrNull(p.decision, 1000)) problems.push('decision must be text or null');
  if (!isStrOrNull(p.note, 1000)) problems.push('note must be text or null');
  if (p.decidedNode !== m.originNode) problems.push('decidedNode must be the message origin');
  if (!isStr(p.decidedBy, 64)) problems.push('decidedBy must be 1–64 characters');
  if (!isInstant(p.decidedAt)) problems.push('decidedAt must be a date-time');
  return problems;
}

/** One decision as kept on an escalation row (and its city copy). */
export interface DecisionRecord {
  node: string;
  version: number;
  status: string;
  decision: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
}

/**
 * Adds a decision to the history unless that node's version is already there; the current
 * decision is, among each node's highest version, the latest decided — so an older version
 * arriving late is kept in the history (`stale`) but never becomes current.
 */
export function mergeDecision(list: readonly DecisionRecord[], d: DecisionRecord): { list: DecisionRecord[]; added: boolean; stale: boolean; current: DecisionRecord } {
  const newestOfNode = Math.max(0, ...list.filter((x) => x.node === d.node).map((x) => x.version));
  const added = !list.some((x) => x.node === d.node && x.version === d.version);
  const stale = d.version < newestOfNode;
  const next = added ? [...list, d].sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt)) : [...list];
  const latestPerNode = new Map<string, DecisionRecord>();
  for (const x of next) if ((latestPerNode.get(x.node)?.version ?? 0) < x.version) latestPerNode.set(x.node, x);
  const current = [...latestPerNode.values()].sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || a.node.localeCompare(b.node)).at(-1)!;
  return { list: next, added, stale, current };
}
