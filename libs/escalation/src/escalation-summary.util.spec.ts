import { buildSummary, DecisionRecord, mergeDecision, SUMMARY_KEYS, summaryProblems, updateProblems } from './escalation-summary.util';

const source = {
  id: '3f0a4f8e-5a6b-4c1d-9e2f-0a1b2c3d4e5f', kind: 'fault', channel: 'hotline_112', severity: 'high', status: 'in_progress',
  title: '宽带无法上网'.repeat(20), created_at: '2026-12-01T01:00:00Z', response_due_at: '2026-12-01T02:00:00Z', resolution_due_at: '2026-12-01T09:00:00Z',
  responded_at: '2026-12-01T01:30:00Z', resolved_at: null, closed_at: null, response_breached_at: null, resolution_breached_at: null,
  handover_count: 1, key_account: false, customer_type: 'public_residential', key_account_level: null, district_code: '440106',
};
const esc = { kind: 'escalation', level: 'province', reason: '多次报修', createdAt: '2026-12-01T03:00:00Z' };

describe('escalation summary', () => {
  it('carries exactly the allowed keys, a cut title and the SLA state', () => {
    const s = buildSummary(source, esc, new Date('2026-12-01T04:00:00Z'));
    expect(Object.keys(s).sort()).toEqual([...SUMMARY_KEYS].sort());
    expect(s.title.length).toBeLessThanOrEqual(60);
    expect(s).toMatchObject({ requestRef: source.id, requestStatus: 'in_progress', slaBreached: false, districtCode: '440106' });
    expect(summaryProblems(s as unknown as Record<string, unknown>)).toEqual([]);
    // past the resolution due instant while running: breached
    expect(buildSummary(source, esc, new Date('2026-12-01T10:00:00Z')).resolutionBreached).toBe(true);
    // resolved in time: not breached, whenever asked
    expect(buildSummary({ ...source, status: 'resolved', resolved_at: '2026-12-01T08:00:00Z' }, esc, new Date('2026-12-09T00:00:00Z')).slaBreached).toBe(false);
  });

  it('refuses a summary with personal data or bad fields', () => {
    const s = { ...buildSummary(source, esc), customerName: '张三', phone: '13800000000' } as Record<string, unknown>;
    expect(summaryProblems(s)).toEqual(expect.arrayContaining(['customerName is not part of an escalation summary', 'phone is not part of an escalation summary']));
    expect(summaryProblems({ ...buildSummary(source, esc), districtCode: 'x' } as unknown as Record<string, unknown>)).toEqual(['districtCode must be a district code or null']);
  });

  it('checks updates against the envelope', () => {
    const u = { city: '440100', status: 'resolved', decision: 'ok', note: null, decidedNode: '000000', decidedBy: 'admin', decidedAt: '2026-12-01T05:00:00Z' };
    expect(updateProblems(u, { originNode: '000000' })).toEqual([]);
    expect(updateProblems(u, { originNode: '440000' })).toEqual(['decidedNode must be the message origin']);
    expect(updateProblems({ ...u, status: 'open' }, { originNode: '000000' })).toEqual(['status must be a decision status']);
  });
});

describe('mergeDecision', () => {
  const d = (node: string, version: number, status: string, at: string): DecisionRecord => ({ node, version, status, decision: status, note: null, decidedBy: 'x', decidedAt: at });

  it('keeps each (node, version) once and makes the latest decision current', () => {
    let list: DecisionRecord[] = [];
    ({ list } = mergeDecision(list, d('440000', 1, 'forwarded', '2026-12-01T01:00:00Z')));
    const hq = mergeDecision(list, d('000000', 1, 'resolved', '2026-12-01T02:00:00Z'));
    expect(hq.current.status).toBe('resolved');
    const again = mergeDecision(hq.list, d('000000', 1, 'resolved', '2026-12-01T02:00:00Z'));
    expect(again.added).toBe(false);
    expect(again.list).toHaveLength(2);
  });

  it('an older version arriving late is kept in the history but never becomes current', () => {
    const v2 = mergeDecision([], d('440000', 2, 'resolved', '2026-12-01T02:00:00Z'));
    const v1 = mergeDecision(v2.list, d('440000', 1, 'under_review', '2026-12-01T01:00:00Z'));
    expect(v1).toMatchObject({ added: true, stale: true });
    expect(v1.current).toMatchObject({ version: 2, status: 'resolved' });
  });
});
