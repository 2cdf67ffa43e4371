import type { AttachmentDto, CreateAttachmentDto, ServiceEventDto, ServiceRequestDto, ServiceRequestInput } from '@crm/service';
import { ServiceRequestStatus, ServiceSeverity, ServiceRequestKind, ServiceChannel } from '@crm/service';
import {
  CHANNEL_IN, CUSTOMER_ROLES, DEFAULT_CHANNEL, PRIORITY_OUT, RECEIVER_ROLES, SEVERITY_IN, SEVERITY_OUT, STATUS_IN, STATUS_OUT, SUBSCRIPTION_REFERENCES, TICKET_TYPE_IN,
  TICKET_TYPE_OUT, TROUBLE_TICKET_ATTRIBUTES, TROUBLE_TICKET_PATH,
} from './tmf621.constants';
import { TmfException } from './tmf.exception';

type Json = Record<string, unknown>;

export interface TmfRef { id: string; href?: string; name?: string; role?: string; '@referredType'?: string; '@type'?: string }
export interface TmfNote { id: string; author?: string; date?: string; text: string; '@type': 'Note' }
export interface TmfStatusChange { status: string; changeDate: string; changeReason?: string; '@type': 'StatusChange' }
export interface TmfAttachment { id: string; name: string; mimeType: string; url: string; size: { amount: number; units: 'bytes' }; '@type': 'AttachmentRefOrValue' }

/** The TMF621 v4 TroubleTicket resource as this facade answers it. */
export interface TroubleTicket {
  id: string;
  href: string;
  '@type': 'TroubleTicket';
  name: string;
  description?: string;
  severity: string;
  ticketType: string;
  priority: string;
  status: string;
  statusChangeDate: string;
  statusChangeReason?: string;
  statusChangeHistory: TmfStatusChange[];
  creationDate: string;
  lastUpdate: string;
  expectedResolutionDate?: string;
  resolutionDate?: string;
  channel: { id: string; name: string; '@type': 'ChannelRef' };
  relatedParty: TmfRef[];
  relatedEntity: TmfRef[];
  note: TmfNote[];
  attachment: TmfAttachment[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

const invalid = (message: string) => TmfException.badRequest('Invalid value', message);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const key = (v: string) => v.trim().toLowerCase();

function text(body: Json, name: string, max: number, required: boolean): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw TmfException.badRequest('Missing mandatory attribute', `${name} is mandatory`, 'MISSING_ATTRIBUTE');
    return undefined;
  }
  if (typeof v !== 'string' || !/\S/.test(v)) throw invalid(`${name} must be a non-blank string`);
  if (v.length > max) throw invalid(`${name} must be at most ${max} characters`);
  return v;
}

function list(body: Json, name: string): Json[] {
  const v = body[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`${name} must be an array`);
  return v.map((item, i) => {
    if (!isObject(item)) throw invalid(`${name}[${i}] must be an object`);
    return item;
  });
}

/** TMF ticketType (case-insensitive: Complaint, Fault, Consultation, Query, Suggestion, a few synonyms) → kind; 400 otherwise. */
export function kindOf(ticketType: unknown, attribute = 'ticketType'): ServiceRequestKind {
  const kind = typeof ticketType === 'string' ? TICKET_TYPE_IN[key(ticketType)] : undefined;
  if (!kind) throw invalid(`${attribute} ${JSON.stringify(ticketType)} is not one of ${Object.values(TICKET_TYPE_OUT).join(', ')}`);
  return kind;
}

/** TMF severity (case-insensitive: Critical/Urgent, Major/High, Minor/Medium, Low/Warning, …) → severity; 400 otherwise. */
export function severityOf(severity: unknown, attribute = 'severity'): ServiceSeverity {
  const s = typeof severity === 'string' ? SEVERITY_IN[key(severity)] : undefined;
  if (!s) throw invalid(`${attribute} ${JSON.stringify(severity)} is not one of Critical, Major, Minor, Low (or Urgent, High, Medium, Warning)`);
  return s;
}

/** TMF status (acknowledged, inProgress, pending, held, resolved, closed, rejected, cancelled; case-insensitive) → status; 400 otherwise. */
export function statusOf(status: unknown, attribute = 'status'): ServiceRequestStatus {
  const s = typeof status === 'string' ? STATUS_IN[key(status)] : undefined;
  if (!s) throw invalid(`${attribute} ${JSON.stringify(status)} is not one of ${Object.values(STATUS_OUT).join(', ')}, held`);
  return s;
}

/** channel.name (case-insensitive; our channel codes or synonyms such as "Call Center", "Web", "Email") → channel; 400 otherwise. */
export function channelOf(name: unknown, attribute = 'channel.name'): ServiceChannel {
  const c = typeof name === 'string' ? CHANNEL_IN[key(name).replace(/[\s-]+/g, '_')] : undefined;
  if (!c) throw invalid(`${attribute} ${JSON.stringify(name)} is not one of ${Object.values(ServiceChannel).join(', ')}`);
  return c;
}

const NOTE_HEADER = /^\[(\d{4}-\d\d-\d\dT[^\s\]]+) ([^\]\n]*)\] /;
const NOTE_SPLIT = /\n\n(?=\[\d{4}-\d\d-\d\dT[^\s\]]+ [^\]\n]*\] )/;

/** note[] → the request's notes text: one `[date author] text` block per note, blank-line separated. */
export function notesOf(notes: Json[], now: Date, author: string): string | null {
  if (!notes.length) return null;
  const blocks = notes.map((n, i) => {
    if (typeof n.text !== 'string' || !/\S/.test(n.text)) throw invalid(`note[${i}].text must be a non-blank string`);
    if (n.author !== undefined && (typeof n.author !== 'string' || /[\]\n]/.test(n.author))) throw invalid(`note[${i}].author must be a string without "]" or line breaks`);
    let date = now.toISOString();
    if (n.date !== undefined) {
      if (typeof n.date !== 'string' || Number.isNaN(Date.parse(n.date))) throw invalid(`note[${i}].date must be a date-time`);
      date = new Date(n.date).toISOString();
    }
    return `[${date} ${((n.author as string | undefined) ?? author).trim()}] ${n.text.trim()}`;
  });
  const joined = blocks.join('\n\n');
  if (joined.length > 4000) throw invalid('note texts together must be at most 4000 characters');
  return joined;
}

/** The request's notes text → note[]; text written by the REST API (no header) is one note. */
export function notesFrom(notes: string | null): TmfNote[] {
  if (!notes) return [];
  return notes.split(NOTE_SPLIT).map((block, i) => {
    const m = NOTE_HEADER.exec(block);
    const note: TmfNote = m ? { id: String(i + 1), author: m[2], date: m[1], text: block.slice(m[0].length), '@type': 'Note' } : { id: String(i + 1), text: block, '@type': 'Note' };
    return note;
  });
}

const UNITS: Record<string, number> = { b: 1, byte: 1, bytes: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };

/** attachment[] → attachment metadata (no upload: each needs a `url` — or `href` — where the file is kept). */
export function attachmentsOf(items: Json[]): CreateAttachmentDto[] {
  return items.map((a, i) => {
    const at = `attachment[${i}]`;
    const ref = a.url ?? a.href;
    if (typeof ref !== 'string' || !/\S/.test(ref) || ref.length > 500) throw invalid(`${at}.url (where the file is kept, at most 500 characters) is mandatory: files are not uploaded here`);
    if (a.name !== undefined && (typeof a.name !== 'string' || !/\S/.test(a.name) || a.name.length > 255)) throw invalid(`${at}.name must be a non-blank string of at most 255 characters`);
    const mimeType = a.mimeType ?? 'application/octet-stream';
    if (typeof mimeType !== 'string' || !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(mimeType) || mimeType.length > 127) throw invalid(`${at}.mimeType must be a media type such as image/jpeg`);
    let sizeBytes = 0;
    if (a.size !== undefined && a.size !== null) {
      const size = a.size as Json;
      const factor = UNITS[key(String(size.units ?? 'bytes'))];
      if (!isObject(a.size) || typeof size.amount !== 'number' || !(size.amount >= 0) || !factor) throw invalid(`${at}.size must be {amount ≥ 0, units: bytes | kB | MB | GB}`);
      sizeBytes = Math.round(size.amount * factor);
      if (!Number.isSafeInteger(sizeBytes)) throw invalid(`${at}.size is too large`);
    }
    const fileName = (a.name as string | undefined)?.trim() || ref.split(/[/?#]/).filter(Boolean).pop()?.slice(0, 255) || 'attachment';
    return { fileName, mediaType: mimeType, sizeBytes, storageRef: ref.trim() };
  });
}

/** The one party (customer or receiver) of relatedParty with one of `roles`; 400 when two, or when its id is not a UUID. */
function partyOf(parties: Json[], roles: readonly string[], what: string): string | undefined {
  const matching = parties.filter((p) => typeof p.role === 'string' && roles.includes(key(p.role)));
  if (matching.length > 1) throw invalid(`relatedParty names more than one ${what}`);
  if (!matching.length) return undefined;
  if (!isUuid(matching[0].id)) throw invalid(`relatedParty with role ${String(matching[0].role)} needs the ${what}'s id (a UUID)`);
  return matching[0].id;
}

const referenceOf = (e: Json): string => key(String(e['@referredType'] ?? e.role ?? ''));

/**
 * The service request a TroubleTicket create body amounts to, and its attachments. Mandatory:
 * description, severity, ticketType. `status` is ignored (a new ticket is acknowledged); so are
 * `priority` (derived from severity), `@type`/`@baseType`/`@schemaLocation` and attributes the
 * domain does not keep.
 */
export function parseCreate(body: unknown, now: Date, author: string): { input: ServiceRequestInput; attachments: CreateAttachmentDto[] } {
  if (!isObject(body)) throw TmfException.badRequest('Invalid body', 'The body must be a TroubleTicket JSON object');
  const description = text(body, 'description', 4000, true)!;
  if (body.severity === undefined || body.severity === null) throw TmfException.badRequest('Missing mandatory attribute', 'severity is mandatory', 'MISSING_ATTRIBUTE');
  if (body.ticketType === undefined || body.ticketType === null) throw TmfException.badRequest('Missing mandatory attribute', 'ticketType is mandatory', 'MISSING_ATTRIBUTE');
  const severity = severityOf(body.severity);
  const kind = kindOf(body.ticketType);
  const name = text(body, 'name', 200, false);
  if (body.priority !== undefined && body.priority !== null && typeof body.priority !== 'string') throw invalid('priority must be a string');
  let channel = DEFAULT_CHANNEL;
  if (body.channel !== undefined && body.channel !== null) {
    if (!isObject(body.channel)) throw invalid('channel must be a ChannelRef object');
    if (body.channel.name !== undefined) channel = channelOf(body.channel.name);
  }
  const parties = list(body, 'relatedParty');
  const customerId = partyOf(parties, CUSTOMER_ROLES, 'customer');
  const receivedByStaffId = partyOf(parties, RECEIVER_ROLES, 'receiver (staff member)');
  const entities = list(body, 'relatedEntity').filter((e) => SUBSCRIPTION_REFERENCES.includes(referenceOf(e)));
  if (entities.length > 1) throw invalid('relatedEntity names more than one subscription');
  if (entities.length && !isUuid(entities[0].id)) throw invalid('relatedEntity of a subscription needs the subscription id (a UUID)');
  const notes = notesOf(list(body, 'note'), now, author);
  const attachments = attachmentsOf(list(body, 'attachment'));
  const title = (name ?? description.trim().split('\n')[0]).trim().slice(0, 200);
  return {
    input: {
      kind, severity, channel, title, description, notes: notes ?? undefined,
      customerId: customerId ?? null, receivedByStaffId: receivedByStaffId ?? null,
      subscriptionId: (entities[0]?.id as string | undefined) ?? undefined,
    },
    attachments,
  };
}

/** What a merge-patch body changes: descriptive fields, and a status change that goes through the lifecycle. */
export interface TicketPatch {
  set: { title?: string; description?: string; notes?: string | null };
  status?: ServiceRequestStatus;
  statusChangeReason?: string;
}

/** Read-only attributes a client may send back unchanged (ignored). */
const READ_ONLY = new Set(['id', 'href', '@type', '@baseType', '@schemaLocation', 'creationDate', 'lastUpdate', 'statusChangeDate', 'statusChangeHistory', 'statusChange', 'priority']);
const PATCHABLE = new Set(['name', 'description', 'note', 'status', 'statusChangeReason', 'severity', 'ticketType']);

/**
 * A JSON merge patch of a ticket. name, description and note change the request; status moves it
 * through the lifecycle (with statusChangeReason); severity and ticketType are fixed at creation
 * (the SLA targets depend on them): the current value is accepted, another is 400 NOT_UPDATABLE, as
 * is any other attribute (channel, parties, entities, attachments, dates).
 */
export function parsePatch(body: unknown, current: ServiceRequestDto, now: Date, author: string): TicketPatch {
  if (!isObject(body)) throw TmfException.badRequest('Invalid body', 'The body must be a JSON merge patch object');
  const notUpdatable = Object.keys(body).filter((k) => !READ_ONLY.has(k) && !PATCHABLE.has(k));
  if (notUpdatable.length) throw TmfException.badRequest('Attribute not updatable', `${notUpdatable.join(', ')} cannot be changed through PATCH (patchable: name, description, note, status, statusChangeReason)`, 'NOT_UPDATABLE');
  if ('name' in body && body.name === null) throw invalid('name cannot be removed');
  if ('description' in body && body.description === null) throw invalid('description is mandatory and cannot be removed');
  const patch: TicketPatch = { set: {} };
  const name = text(body, 'name', 200, false);
  if (name !== undefined) patch.set.title = name.trim();
  const description = text(body, 'description', 4000, false);
  if (description !== undefined) patch.set.description = description;
  if ('note' in body) patch.set.notes = notesOf(list(body, 'note'), now, author);
  if (body.severity !== undefined && severityOf(body.severity) !== current.severity) {
    throw TmfException.badRequest('Attribute not updatable', 'severity is fixed at creation (the SLA targets depend on it)', 'NOT_UPDATABLE');
  }
  if (body.ticketType !== undefined && kindOf(body.ticketType) !== current.kind) {
    throw TmfException.badRequest('Attribute not updatable', 'ticketType is fixed at creation (the SLA targets depend on it)', 'NOT_UPDATABLE');
  }
  if (body.status !== undefined) patch.status = statusOf(body.status);
  const reason = text(body, 'statusChangeReason', 1000, false);
  if (reason !== undefined) patch.statusChangeReason = reason.trim();
  return patch;
}

const STATUS_EVENTS = new Set(['created', 'transition']);

function statusChanges(history: ServiceEventDto[] | undefined): TmfStatusChange[] {
  return (history ?? [])
    .filter((e) => STATUS_EVENTS.has(e.action) && e.toStatus)
    .map((e) => ({ status: STATUS_OUT[e.toStatus as ServiceRequestStatus] ?? e.toStatus!, changeDate: e.at, ...(e.reason ? { changeReason: e.reason } : {}), '@type': 'StatusChange' as const }));
}

function attachment(a: AttachmentDto): TmfAttachment {
  return { id: a.id, name: a.fileName, mimeType: a.mediaType, url: a.storageRef, size: { amount: a.sizeBytes, units: 'bytes' }, '@type': 'AttachmentRefOrValue' };
}

const OPEN = new Set<string>([ServiceRequestStatus.Acknowledged, ServiceRequestStatus.InProgress, ServiceRequestStatus.Pending]);

/** A service request (with its history and attachments) as a TroubleTicket; `baseUrl` is scheme://host of the request. */
export function toTroubleTicket(r: ServiceRequestDto, baseUrl: string): TroubleTicket {
  const changes = statusChanges(r.history);
  const last = changes[changes.length - 1];
  const parties: TmfRef[] = [];
  if (r.customerId) parties.push({ id: r.customerId, ...(r.customerName ? { name: r.customerName } : {}), role: 'customer', '@referredType': 'Customer', '@type': 'RelatedParty' });
  if (r.receivedByStaffId) parties.push({ id: r.receivedByStaffId, role: 'receiver', '@referredType': 'Individual', '@type': 'RelatedParty' });
  if (r.ownerStaffId) parties.push({ id: r.ownerStaffId, ...(r.ownerName ? { name: r.ownerName } : {}), role: 'owner', '@referredType': 'Individual', '@type': 'RelatedParty' });
  if (r.assigneeStaffId) parties.push({ id: r.assigneeStaffId, role: 'assignee', '@referredType': 'Individual', '@type': 'RelatedParty' });
  const ticket: TroubleTicket = {
    id: r.id,
    href: `${baseUrl}${TROUBLE_TICKET_PATH}/${r.id}`,
    '@type': 'TroubleTicket',
    name: r.title,
    ...(r.description !== null ? { description: r.description } : {}),
    severity: SEVERITY_OUT[r.severity],
    ticketType: TICKET_TYPE_OUT[r.kind],
    priority: PRIORITY_OUT[r.severity],
    status: STATUS_OUT[r.status],
    statusChangeDate: last?.changeDate ?? r.createdAt,
    ...(last?.changeReason ? { statusChangeReason: last.changeReason } : {}),
    statusChangeHistory: changes,
    creationDate: r.createdAt,
    lastUpdate: r.updatedAt,
    ...(OPEN.has(r.status) ? { expectedResolutionDate: r.resolutionDueAt } : {}),
    ...(r.resolvedAt ? { resolutionDate: r.resolvedAt } : {}),
    channel: { id: r.channel, name: r.channel, '@type': 'ChannelRef' },
    relatedParty: parties,
    relatedEntity: r.subscriptionId ? [{ id: r.subscriptionId, role: 'subscription', '@referredType': 'Subscription', '@type': 'RelatedEntity' }] : [],
    note: notesFrom(r.notes),
    attachment: (r.attachments ?? []).map(attachment),
  };
  return ticket;
}

/**
 * `fields=a,b.c` attribute selection: id and href always, plus the named top-level attributes (a
 * dotted name selects its top-level attribute; unknown names select nothing; `none` = id and href).
 */
export function selectFields(ticket: TroubleTicket, fields: string[] | undefined): Partial<TroubleTicket> {
  if (!fields) return ticket;
  const wanted = new Set(['id', 'href', ...fields.map((f) => f.split('.')[0]).filter((f) => TROUBLE_TICKET_ATTRIBUTES.includes(f))]);
  return Object.fromEntries(Object.entries(ticket).filter(([k]) => wanted.has(k))) as Partial<TroubleTicket>;
}
