import { OverdueBill } from './arrears.repository';
import { debtsByService, sharesOf, writeOffParts } from './arrears.service';
import { ServiceKind } from './billing.constants';

const bill = (id: string, dueDate: string, outstandingFen: number, net: [ServiceKind, number][], writtenOff: ServiceKind[] = []): OverdueBill => ({
  billId: id,
  billingMonth: `${dueDate.slice(0, 7)}-01`,
  dueDate,
  outstandingFen,
  netByService: new Map(net),
  writtenOff: new Set(writtenOff),
});

describe('arrears from overdue bills and write-offs', () => {
  it('splits what is left to pay over the services not written off on the bill', () => {
    expect(sharesOf(bill('b', '2026-01-15', 10_000, [[ServiceKind.Voice, 3_000], [ServiceKind.Data, 7_000]]))).toEqual(new Map([[ServiceKind.Voice, 3_000], [ServiceKind.Data, 7_000]]));
    // data written off (7,000), 1,000 paid since: the 2,000 left is voice's alone
    expect(sharesOf(bill('b', '2026-01-15', 2_000, [[ServiceKind.Voice, 3_000], [ServiceKind.Data, 7_000]], [ServiceKind.Data]))).toEqual(new Map([[ServiceKind.Voice, 2_000]]));
    expect(sharesOf(bill('b', '2026-01-15', 0, [[ServiceKind.Voice, 3_000]], [ServiceKind.Voice]))).toEqual(new Map());
    // a write-off recorded in part only (before write-offs were tied to bills): the rest stays with that service
    expect(sharesOf(bill('b', '2026-01-15', 500, [[ServiceKind.Voice, 3_000]], [ServiceKind.Voice]))).toEqual(new Map([[ServiceKind.Voice, 500]]));
  });

  it('sums debts per service with the oldest due date, and never counts a written-off bill part again', () => {
    const bills = [
      bill('old', '2026-01-15', 0, [[ServiceKind.Voice, 10_000]], [ServiceKind.Voice]),
      bill('mid', '2026-02-15', 5_000, [[ServiceKind.Voice, 5_000], [ServiceKind.Sms, 0]]),
      bill('new', '2026-03-15', 10_000, [[ServiceKind.Voice, 10_000]]),
    ];
    expect(debtsByService(bills)).toEqual(new Map([[ServiceKind.Voice, { amountFen: 15_000, since: '2026-02-15' }]]));
    expect(writeOffParts(bills, ServiceKind.Voice)).toEqual([
      { billId: 'mid', billingMonth: '2026-02-01', service: ServiceKind.Voice, amountFen: 5_000 },
      { billId: 'new', billingMonth: '2026-03-01', service: ServiceKind.Voice, amountFen: 10_000 },
    ]);
    expect(writeOffParts(bills, ServiceKind.Data)).toEqual([]);
  });
});
