import { ServiceChannel, ServiceRequestDto, ServiceRequestKind, ServiceRequestStatus, ServiceSeverity } from '@crm/service';
import { attachmentsOf, channelOf, kindOf, notesFrom, notesOf, parseCreate, parsePatch, selectFields, severityOf, statusOf, toTroubleTicket } from './trouble-ticket.mapper';
import { TmfException } from './tmf.exception';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const CUSTOMER = '0d4f8a52-6c0e-4f55-9b8e-3f6a1c2b7d10';
const STAFF = '7b1e9c34-2a5d-4e6f-8a90-1b2c3d4e5f60';
const SUBSCRIPTION = 'c3a1e2f4-5b6d-4c7e-9f80-a1b2c3d4e5f6';

function tmfError(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof TmfException) return { status: err.status, code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a TmfException');
}

const request = (overrides: Partial<ServiceRequestDto> = {}): ServiceRequestDto => ({
  id: '11111111-2222-4333-8444-555555555555', kind: ServiceRequestKind.Fault, channel: ServiceChannel.Hotline112, severity: ServiceSeverity.High, status: ServiceRequestStatus.Acknowledged,
  customerId: CUSTOMER, customerName: '服务客户', customerType: 'individual', subscriptionId: SUBSCRIPTION, circuitRef: null, title: '宽带无法上网', description: '光猫红灯', notes: null,
  receivedByStaffId: STAFF, ownerStaffId: STAFF, ownerName: '首问员工', assigneeStaffId: null, departmentCode: null, keyAccount: false, routedToAccountManager: false, handoverCount: 0,
  receivedAt: '2026-12-01T01:00:00.000Z', aroundTheClock: false, responseTargetMinutes: 60, resolutionTargetMinutes: 480, responseDueAt: '2026-12-01T02:00:00.000Z',
  resolutionDueAt: '2026-12-01T09:00:00.000Z', respondedAt: null, resolvedAt: null, closedAt: null, resolutionUsedMinutes: 0, slaPaused: false, responseBreachedAt: null,
  resolutionBreachedAt: null, escalated: false, escalationLevel: 0, createdBy: 'service', createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:30:00.000Z', version: 2,
  history: [
    { action: 'created', fromStatus: null, toStatus: 'acknowledged', fromStaffId: null, toStaffId: STAFF, departmentCode: null, reason: null, details: {}, at: '2026-12-01T01:00:00.000Z', by: 'service' },
    { action: 'assign', fromStatus: null, toStatus: null, fromStaffId: null, toStaffId: STAFF, departmentCode: 'D1', reason: null, details: {}, at: '2026-12-01T01:10:00.000Z', by: 'service' },
    { action: 'transition', fromStatus: 'acknowledged', toStatus: 'in_progress', fromStaffId: null, toStaffId: null, departmentCode: null, reason: 'engineer dispatched', details: {}, at: '2026-12-01T01:30:00.000Z', by: 'service' },
  ],
  attachments: [{ id: 'a1', requestId: 'r', fileName: 'modem.jpg', mediaType: 'image/jpeg', sizeBytes: 2048, storageRef: 's3://docs/modem.jpg', createdBy: 'service', createdAt: '2026-12-01T01:00:00.000Z' }],
  ...overrides,
});

describe('TMF621 value mappings', () => {
  it('maps ticketType case-insensitively (with synonyms) and refuses unknown ones', () => {
    expect(kindOf('Complaint')).toBe('complaint');
    expect(kindOf('FAULT')).toBe('fault');
    expect(kindOf('incident')).toBe('fault');
    expect(kindOf(' Query ')).toBe('query');
    expect(kindOf('Inquiry')).toBe('query');
    expect(tmfError(() => kindOf('Praise'))).toMatchObject({ status: 400, code: 'INVALID_INPUT', message: expect.stringContaining('ticketType "Praise"') });
    expect(tmfError(() => kindOf(3))).toMatchObject({ status: 400 });
  });

  it('maps severities onto critical / high / medium / low', () => {
    expect(['Critical', 'urgent', 'Major', 'HIGH', 'Minor', 'medium', 'Low', 'Warning'].map((s) => severityOf(s))).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low']);
    expect(tmfError(() => severityOf('Apocalyptic')).status).toBe(400);
  });

  it('maps statuses, held as pending', () => {
    expect(['acknowledged', 'inProgress', 'InProgress', 'held', 'pending', 'resolved', 'closed', 'rejected', 'cancelled'].map((s) => statusOf(s))).toEqual([
      'acknowledged', 'in_progress', 'in_progress', 'pending', 'pending', 'resolved', 'closed', 'rejected', 'cancelled',
    ]);
    expect(tmfError(() => statusOf('done')).status).toBe(400);
  });

  it('maps channel names: our codes and synonyms', () => {
    expect(channelOf('hotline_10000')).toBe('hotline_10000');
    expect(channelOf('Call Center')).toBe('call_centre');
    expect(channelOf('Web')).toBe('website');
    expect(channelOf('E-mail')).toBe('email');
    expect(tmfError(() => channelOf('carrier pigeon')).status).toBe(400);
  });
});

describe('parseCreate', () => {
  it('needs only description, severity and ticketType; ignores status; derives the title; default channel website', () => {
    const { input, attachments } = parseCreate({ description: 'Fibre cut\nnear the depot', severity: 'Major', ticketType: 'Fault', status: 'closed', '@type': 'TroubleTicket' }, NOW, 'ctk');
    expect(input).toEqual({
      kind: 'fault', severity: 'high', channel: 'website', title: 'Fibre cut', description: 'Fibre cut\nnear the depot', notes: undefined, customerId: null, receivedByStaffId: null, subscriptionId: undefined,
    });
    expect(attachments).toEqual([]);
  });

  it('maps a full ticket: name, parties by role, channel, subscription, notes and attachments', () => {
    const { input, attachments } = parseCreate({
      name: '宽带投诉', description: '多次断线', severity: 'Critical', ticketType: 'complaint', priority: 'High',
      channel: { name: 'Hotline_10000' },
      relatedParty: [{ id: CUSTOMER, role: 'Customer' }, { id: STAFF, role: 'firstContact' }, { id: 'x', role: 'observer' }],
      relatedEntity: [{ id: SUBSCRIPTION, '@referredType': 'Subscription' }, { id: 'whatever', '@referredType': 'Document' }],
      note: [{ text: '客户下午在家', author: 'agent 7', date: '2026-12-01T09:00:00+08:00' }, { text: 'second' }],
      attachment: [{ name: 'photo.jpg', mimeType: 'image/jpeg', url: 's3://docs/photo.jpg', size: { amount: 2, units: 'kB' } }, { url: 'https://files.example/x/report.pdf' }],
    }, NOW, 'ctk');
    expect(input).toMatchObject({ kind: 'complaint', severity: 'critical', channel: 'hotline_10000', title: '宽带投诉', customerId: CUSTOMER, receivedByStaffId: STAFF, subscriptionId: SUBSCRIPTION });
    expect(input.notes).toBe('[2026-12-01T01:00:00.000Z agent 7] 客户下午在家\n\n[2026-12-01T02:00:00.000Z ctk] second');
    expect(attachments).toEqual([
      { fileName: 'photo.jpg', mediaType: 'image/jpeg', sizeBytes: 2048, storageRef: 's3://docs/photo.jpg' },
      { fileName: 'report.pdf', mediaType: 'application/octet-stream', sizeBytes: 0, storageRef: 'https://files.example/x/report.pdf' },
    ]);
  });

  it('answers 400 TMF errors for missing or invalid attributes', () => {
    expect(tmfError(() => parseCreate({ severity: 'Major', ticketType: 'Fault' }, NOW, 'u'))).toMatchObject({ status: 400, code: 'MISSING_ATTRIBUTE', message: 'description is mandatory' });
    expect(tmfError(() => parseCreate({ description: 'x', ticketType: 'Fault' }, NOW, 'u'))).toMatchObject({ code: 'MISSING_ATTRIBUTE', message: 'severity is mandatory' });
    expect(tmfError(() => parseCreate({ description: 'x', severity: 'Major' }, NOW, 'u'))).toMatchObject({ code: 'MISSING_ATTRIBUTE', message: 'ticketType is mandatory' });
    expect(tmfError(() => parseCreate({ description: '  ', severity: 'Major', ticketType: 'Fault' }, NOW, 'u')).status).toBe(400);
    expect(tmfError(() => parseCreate([], NOW, 'u')).status).toBe(400);
    const base = { description: 'x', severity: 'Major', ticketType: 'Fault' };
    expect(tmfError(() => parseCreate({ ...base, relatedParty: [{ id: 'not-a-uuid', role: 'customer' }] }, NOW, 'u')).message).toMatch(/customer's id/);
    expect(tmfError(() => parseCreate({ ...base, relatedParty: [{ id: CUSTOMER, role: 'customer' }, { id: STAFF, role: 'customer' }] }, NOW, 'u')).message).toMatch(/more than one customer/);
    expect(tmfError(() => parseCreate({ ...base, relatedParty: { id: CUSTOMER } }, NOW, 'u')).message).toBe('relatedParty must be an array');
    expect(tmfError(() => parseCreate({ ...base, attachment: [{ name: 'a.txt', content: 'aGVsbG8=' }] }, NOW, 'u')).message).toMatch(/url/);
    expect(tmfError(() => parseCreate({ ...base, note: [{ author: 'x' }] }, NOW, 'u')).message).toMatch(/note\[0\]\.text/);
    expect(tmfError(() => parseCreate({ ...base, channel: 'web' }, NOW, 'u')).message).toMatch(/ChannelRef/);
    expect(tmfError(() => parseCreate({ ...base, name: 'n'.repeat(201) }, NOW, 'u')).message).toMatch(/at most 200/);
  });
});

describe('notes and attachments', () => {
  it('round-trips notes and reads REST-written notes as one note', () => {
    const text = notesOf([{ text: 'first\n\nparagraph two', author: 'a', date: '2026-12-01T00:00:00Z' }, { text: 'second' }], NOW, 'b')!;
    expect(notesFrom(text)).toEqual([
      { id: '1', author: 'a', date: '2026-12-01T00:00:00.000Z', text: 'first\n\nparagraph two', '@type': 'Note' },
      { id: '2', author: 'b', date: NOW.toISOString(), text: 'second', '@type': 'Note' },
    ]);
    expect(notesFrom('客户下午在家')).toEqual([{ id: '1', text: '客户下午在家', '@type': 'Note' }]);
    expect(notesFrom(null)).toEqual([]);
    expect(notesOf([], NOW, 'b')).toBeNull();
  });

  it('refuses attachment sizes it cannot read', () => {
    expect(tmfError(() => attachmentsOf([{ url: 's3://x', size: { amount: -1, units: 'bytes' } }])).status).toBe(400);
    expect(tmfError(() => attachmentsOf([{ url: 's3://x', size: { amount: 1, units: 'parsecs' } }])).status).toBe(400);
    expect(tmfError(() => attachmentsOf([{ url: 's3://x', mimeType: 'jpeg' }])).status).toBe(400);
  });
});

describe('parsePatch', () => {
  it('takes name, description, note, status with its reason; ignores read-only attributes', () => {
    const p = parsePatch({ id: 'x', href: 'y', '@type': 'TroubleTicket', name: ' new title ', description: 'd', note: [{ text: 'n' }], status: 'inProgress', statusChangeReason: 'dispatched' }, request(), NOW, 'u');
    expect(p).toEqual({ set: { title: 'new title', description: 'd', notes: `[${NOW.toISOString()} u] n` }, status: 'in_progress', statusChangeReason: 'dispatched' });
    expect(parsePatch({ note: null }, request(), NOW, 'u').set).toEqual({ notes: null });
  });

  it('accepts the current severity / ticketType and refuses changes of them or of other attributes', () => {
    expect(parsePatch({ severity: 'Major', ticketType: 'fault' }, request(), NOW, 'u')).toEqual({ set: {} });
    expect(tmfError(() => parsePatch({ severity: 'Minor' }, request(), NOW, 'u'))).toMatchObject({ status: 400, code: 'NOT_UPDATABLE' });
    expect(tmfError(() => parsePatch({ ticketType: 'Complaint' }, request(), NOW, 'u'))).toMatchObject({ code: 'NOT_UPDATABLE' });
    expect(tmfError(() => parsePatch({ channel: { name: 'web' } }, request(), NOW, 'u'))).toMatchObject({ code: 'NOT_UPDATABLE', message: expect.stringContaining('channel') });
    expect(tmfError(() => parsePatch({ description: null }, request(), NOW, 'u')).status).toBe(400);
    expect(tmfError(() => parsePatch({ status: 'done' }, request(), NOW, 'u')).status).toBe(400);
    expect(tmfError(() => parsePatch('x', request(), NOW, 'u')).status).toBe(400);
  });
});

describe('toTroubleTicket and fields', () => {
  it('answers the TroubleTicket resource', () => {
    const t = toTroubleTicket(request({ status: ServiceRequestStatus.InProgress, notes: '[2026-12-01T01:00:00.000Z agent] hello' }), 'http://crm.example');
    expect(t).toEqual({
      id: '11111111-2222-4333-8444-555555555555', href: 'http://crm.example/tmf-api/troubleTicket/v4/troubleTicket/11111111-2222-4333-8444-555555555555', '@type': 'TroubleTicket',
      name: '宽带无法上网', description: '光猫红灯', severity: 'Major', ticketType: 'Fault', priority: 'High', status: 'inProgress',
      statusChangeDate: '2026-12-01T01:30:00.000Z', statusChangeReason: 'engineer dispatched',
      statusChangeHistory: [
        { status: 'acknowledged', changeDate: '2026-12-01T01:00:00.000Z', '@type': 'StatusChange' },
        { status: 'inProgress', changeDate: '2026-12-01T01:30:00.000Z', changeReason: 'engineer dispatched', '@type': 'StatusChange' },
      ],
      creationDate: '2026-12-01T01:00:00.000Z', lastUpdate: '2026-12-01T01:30:00.000Z', expectedResolutionDate: '2026-12-01T09:00:00.000Z',
      channel: { id: 'hotline_112', name: 'hotline_112', '@type': 'ChannelRef' },
      relatedParty: [
        { id: CUSTOMER, name: '服务客户', role: 'customer', '@referredType': 'Customer', '@type': 'RelatedParty' },
        { id: STAFF, role: 'receiver', '@referredType': 'Individual', '@type': 'RelatedParty' },
        { id: STAFF, name: '首问员工', role: 'owner', '@referredType': 'Individual', '@type': 'RelatedParty' },
      ],
      relatedEntity: [{ id: SUBSCRIPTION, role: 'subscription', '@referredType': 'Subscription', '@type': 'RelatedEntity' }],
      note: [{ id: '1', author: 'agent', date: '2026-12-01T01:00:00.000Z', text: 'hello', '@type': 'Note' }],
      attachment: [{ id: 'a1', name: 'modem.jpg', mimeType: 'image/jpeg', url: 's3://docs/modem.jpg', size: { amount: 2048, units: 'bytes' }, '@type': 'AttachmentRefOrValue' }],
    });
  });

  it('leaves out parties that are not there and the due date once resolved', () => {
    const t = toTroubleTicket(request({ customerId: null, customerName: null, receivedByStaffId: null, ownerStaffId: null, ownerName: null, subscriptionId: null, status: ServiceRequestStatus.Resolved, resolvedAt: '2026-12-01T05:00:00.000Z' }), '');
    expect(t.relatedParty).toEqual([]);
    expect(t.relatedEntity).toEqual([]);
    expect(t.expectedResolutionDate).toBeUndefined();
    expect(t.resolutionDate).toBe('2026-12-01T05:00:00.000Z');
  });

  it('selects fields, always with id and href', () => {
    const t = toTroubleTicket(request(), 'http://h');
    expect(Object.keys(selectFields(t, ['status', 'relatedParty.id', 'bogus']))).toEqual(['id', 'href', 'status', 'relatedParty']);
    expect(Object.keys(selectFields(t, []))).toEqual(['id', 'href']);
    expect(selectFields(t, undefined)).toBe(t);
  });
});
