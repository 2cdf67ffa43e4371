import { parseTicketQuery } from './trouble-ticket-query.util';
import { TmfException } from './tmf.exception';

const CUSTOMER = '0d4f8a52-6c0e-4f55-9b8e-3f6a1c2b7d10';

describe('parseTicketQuery', () => {
  it('defaults to offset 0, limit 100, every attribute', () => {
    expect(parseTicketQuery({})).toEqual({ criteria: {}, offset: 0, limit: 100, fields: undefined });
  });

  it('reads filters (comma lists and repeated parameters), fields and paging', () => {
    const q = parseTicketQuery({
      status: 'acknowledged,inProgress', severity: ['Major', 'High'], ticketType: 'Fault', 'channel.name': 'hotline_112', 'relatedParty.id': CUSTOMER,
      'creationDate.gt': '2026-12-01T00:00:00Z', 'creationDate.lt': '2026-12-02', fields: 'status,severity', offset: '5', limit: '2', id: `${CUSTOMER},nope`,
    });
    expect(q).toEqual({
      criteria: {
        statuses: ['acknowledged', 'in_progress'], severities: ['high'], kinds: ['fault'], channels: ['hotline_112'], partyIds: [CUSTOMER],
        createdGt: new Date('2026-12-01T00:00:00Z'), createdLt: new Date('2026-12-02T00:00:00Z'), ids: [CUSTOMER],
      },
      offset: 5, limit: 2, fields: ['status', 'severity'],
    });
    expect(parseTicketQuery({ 'creationDate>': '2026-12-01T08:00:00+08:00' }).criteria).toEqual({ createdGte: new Date('2026-12-01T00:00:00Z') });
    expect(parseTicketQuery({ fields: 'none' }).fields).toEqual([]);
  });

  it('answers 400 for bad values and unknown parameters', () => {
    for (const q of [{ limit: '0' }, { limit: '1001' }, { offset: '-1' }, { offset: 'x' }, { severity: 'huge' }, { status: 'done' }, { 'creationDate.gt': 'yesterday' }, { 'relatedParty.id': 'bob' }, { colour: 'red' }]) {
      let err: unknown;
      try {
        parseTicketQuery(q);
      } catch (e) {
        err = e;
      }
      expect({ q, status: (err as TmfException)?.status }).toEqual({ q, status: 400 });
    }
  });
});
