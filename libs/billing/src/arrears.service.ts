import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, rejectNulls } from '@crm/errors';
import { ArrearsRepository, OverdueBill } from './arrears.repository';
import { ArrearStatus, LIVE_ARREAR_STATUSES, ServiceKind } from './billing.constants';
import { BillRepository, WriteOffPart } from './bill.repository';
import { dayIn } from './calendar.util';
import { ArrearPageDto, ArrearResponseDto, ArrearsGenerationDto } from './dto/arrear-response.dto';
import { ArrearFilterDto, ListArrearsDto } from './dto/list-arrears.dto';
import { UpdateArrearDto } from './dto/update-arrear.dto';
import { Arrear } from './entities/arrear.entity';
import { allocateProportionally } from './money.util';

export const ARREAR_ENTITY = 'arrear';
/** BILL_ENTITY of bill.service (not imported: bill.service depends on this file). */
const BILL_ENTITY = 'bill';

export interface ReconcileResult {
  opened: number;
  updated: number;
  recovered: number;
}

/** What an account owes for one service: the amount and the due date of the oldest bill it comes from. */
interface Debt {
  amountFen: number;
  since: string;
}

/**
 * 欠費管理. Arrears are derived from overdue bills, never typed in: for each overdue bill what is
 * left to pay is split over its services in proportion to their net fees (largest remainder, so
 * the parts add up), leaving out the services a write-off forgave on that bill, and summed per
 * service. `reconcileAccount` brings one account's live arrears in line with that; it runs after
 * every payment and bill (same transaction) and for every account in the scheduled job.
 *
 * A write-off (核銷) is tied to the bills it covers: the arrear's service's share of each overdue
 * bill is recorded (`bill_write_off`) and moved onto the bill (`written_off_fen`), so payments no
 * longer settle it and later debts of the service are owed in full.
 */
@Injectable()
export class ArrearsService {
  private readonly logger = new Logger(ArrearsService.name);

  constructor(
    private readonly arrears: ArrearsRepository,
    private readonly bills: BillRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Today in the city's time zone. */
  today(): string {
    return dayIn(this.config.timezone);
  }

  /** Marks overdue bills and reconciles every account that has or had arrears. Idempotent. */
  async generate(asOf: string, actor: RequestActor): Promise<ArrearsGenerationDto> {
    const billsMarkedOverdue = await this.arrears.transaction((m) => this.bills.markOverdue(m, asOf));
    const accounts = await this.arrears.accountsToReconcile();
    const total: ReconcileResult = { opened: 0, updated: 0, recovered: 0 };
    for (const accountId of accounts) {
      const r = await this.arrears.transaction((m) => this.reconcileAccount(m, accountId, asOf, actor));
      total.opened += r.opened;
      total.updated += r.updated;
      total.recovered += r.recovered;
    }
    this.logger.log({ asOf, billsMarkedOverdue, accounts: accounts.length, ...total }, 'Arrears generated');
    return { asOf, billsMarkedOverdue, accounts: accounts.length, ...total };
  }

  /** Brings the account's live arrears in line with its overdue bills, inside the caller's transaction. */
  async reconcileAccount(manager: EntityManager, accountId: string, asOf: string, actor: RequestActor): Promise<ReconcileResult> {
    const owner = await this.arrears.lockAccount(manager, accountId);
    const result: ReconcileResult = { opened: 0, updated: 0, recovered: 0 };
    if (!owner) return result;
    const debts = debtsByService(await this.arrears.overdueBills(manager, accountId));
    const live = await this.arrears.liveArrears(manager, accountId);
    for (const [service, debt] of debts) {
      const current = live.find((a) => a.service === service);
      if (!current) {
        const id = await this.arrears.insert(manager, { accountId, customerId: owner.customerId, service, amountFen: debt.amountFen, since: debt.since });
        await this.audit.record(manager, actor, { action: 'create', entityType: ARREAR_ENTITY, entityId: id, newValues: { accountId, service, amountFen: debt.amountFen, since: debt.since, status: ArrearStatus.Open } });
        result.opened += 1;
      } else if (current.amountFen !== debt.amountFen || current.since !== debt.since) {
        await this.arrears.updateAmount(manager, current.id, debt.amountFen, debt.since);
        await this.audit.record(manager, actor, {
          action: 'update',
          entityType: ARREAR_ENTITY,
          entityId: current.id,
          oldValues: { amountFen: current.amountFen, since: current.since },
          newValues: { amountFen: debt.amountFen, since: debt.since },
        });
        result.updated += 1;
      }
    }
    for (const a of live.filter((x) => !debts.has(x.service))) {
      await this.arrears.recover(manager, a.id, asOf);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: ARREAR_ENTITY,
        entityId: a.id,
        oldValues: { status: a.status, amountFen: a.amountFen },
        newValues: { status: ArrearStatus.Recovered, amountFen: 0, recoveredOn: asOf },
      });
      result.recovered += 1;
    }
    return result;
  }

  async get(id: string): Promise<ArrearResponseDto> {
    const arrear = await this.arrears.findById(id);
    if (!arrear) throw DomainException.notFound('Arrear', id);
    return this.toDto(arrear, await this.arrears.accountNumbers([arrear.accountId]));
  }

  async list(q: ListArrearsDto): Promise<ArrearPageDto> {
    this.checkRanges(q);
    const [rows, total] = await this.arrears.list(q);
    const numbers = await this.arrears.accountNumbers(rows.map((r) => r.accountId));
    return { items: rows.map((r) => this.toDto(r, numbers)), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: ArrearFilterDto) {
    this.checkRanges(q);
    return this.arrears.exportQuery(q);
  }

  /**
   * 核銷 (write off) or set / lift the suspension flag of a live arrear. A write-off forgives the
   * arrear's service's share of every overdue bill of the account as it stands, under the
   * account's lock (the one payments and bills take), and closes the arrear's open manual tasks.
   */
  async update(id: string, dto: UpdateArrearDto, actor: RequestActor): Promise<ArrearResponseDto> {
    rejectNulls(dto, ['status', 'suspended']);
    if (dto.status === undefined && dto.suspended === undefined) {
      throw DomainException.badRequest('Nothing to change: give status or suspended', [{ field: 'status', problem: 'status or suspended is required' }]);
    }
    const found = await this.arrears.findById(id);
    if (!found) throw DomainException.notFound('Arrear', id);
    const today = this.today();
    const saved = await this.arrears.transaction(async (manager) => {
      await this.arrears.lockAccount(manager, found.accountId);
      const arrear = await this.arrears.lock(manager, id);
      if (!arrear) throw DomainException.notFound('Arrear', id);
      if (arrear.version !== dto.version) {
        throw DomainException.conflict(`The arrear was changed meanwhile (version ${arrear.version}, not ${dto.version}); read it again`, [{ field: 'version', problem: `current version is ${arrear.version}` }]);
      }
      if (!LIVE_ARREAR_STATUSES.includes(arrear.status)) throw DomainException.conflict(`The arrear is ${arrear.status}; only open or in-dunning arrears change`);
      const before = { status: arrear.status, suspended: arrear.suspended, amountFen: arrear.amountFen };
      if (dto.suspended !== undefined && dto.suspended !== arrear.suspended) {
        arrear.suspended = dto.suspended;
        arrear.suspendedAt = dto.suspended ? new Date() : arrear.suspendedAt;
      }
      let bills: { billId: string; amountFen: number }[] | undefined;
      if (dto.status === ArrearStatus.WrittenOff) {
        const parts = writeOffParts(await this.arrears.overdueBills(manager, arrear.accountId), arrear.service);
        bills = [];
        for (const part of parts) {
          const after = await this.bills.writeOff(manager, arrear.id, part, today);
          bills.push({ billId: part.billId, amountFen: part.amountFen });
          await this.audit.record(manager, actor, {
            action: 'update',
            entityType: BILL_ENTITY,
            entityId: part.billId,
            oldValues: { writtenOffFen: after.writtenOffFen - part.amountFen },
            newValues: { writtenOffFen: after.writtenOffFen, status: after.status, arrearId: arrear.id, service: part.service },
          });
        }
        arrear.status = ArrearStatus.WrittenOff;
        // what was forgiven; equal to the amount shown unless a bill fell due since the last reconciliation
        arrear.amountFen = parts.reduce((sum, p) => sum + p.amountFen, 0);
        arrear.peakAmountFen = Math.max(arrear.peakAmountFen, arrear.amountFen);
        await this.arrears.closeOpenTasks(manager, arrear.id, actor.username, 'Arrear written off');
      }
      const row = await this.arrears.save(manager, arrear);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: ARREAR_ENTITY,
        entityId: id,
        oldValues: before,
        newValues: { status: row.status, suspended: row.suspended, amountFen: row.amountFen, ...(bills ? { bills } : {}) },
      });
      // the other services' arrears follow the bills as they now stand (a fen of rounding may move)
      if (bills) await this.reconcileAccount(manager, row.accountId, today, actor);
      return row;
    });
    return this.toDto(saved, await this.arrears.accountNumbers([saved.accountId]));
  }

  private checkRanges(q: ArrearFilterDto): void {
    if (q.minAmountFen !== undefined && q.maxAmountFen !== undefined && q.minAmountFen > q.maxAmountFen) {
      throw DomainException.badRequest('minAmountFen is above maxAmountFen', [{ field: 'minAmountFen', problem: 'must not exceed maxAmountFen' }]);
    }
    if (q.sinceFrom && q.sinceTo && q.sinceFrom > q.sinceTo) {
      throw DomainException.badRequest('sinceFrom is after sinceTo', [{ field: 'sinceFrom', problem: 'must not be after sinceTo' }]);
    }
  }

  toDto(a: Arrear, accountNumbers: Map<string, string>): ArrearResponseDto {
    return {
      id: a.id,
      accountId: a.accountId,
      accountNumber: accountNumbers.get(a.accountId) ?? '',
      customerId: a.customerId,
      service: a.service,
      amountFen: a.amountFen,
      peakAmountFen: a.peakAmountFen,
      since: a.since,
      status: a.status,
      recoveredOn: a.recoveredOn,
      dunningMethod: a.dunningMethod,
      dunningCount: a.dunningCount,
      lastDunnedAt: a.lastDunnedAt?.toISOString() ?? null,
      suspended: a.suspended,
      suspendedAt: a.suspendedAt?.toISOString() ?? null,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

/**
 * What is left to pay on an overdue bill, per service: split over the services not written off on
 * it, in proportion to their net fees (largest remainder). When none of them has a positive net
 * fee, the first one takes it all (or, if every service was written off in part only — write-offs
 * recorded before they were tied to bills — the written-off ones, in proportion).
 */
export function sharesOf(bill: OverdueBill): Map<ServiceKind, number> {
  const all = [...bill.netByService.keys()];
  const open = all.filter((s) => !bill.writtenOff.has(s));
  const candidates = open.length ? open : all;
  const weights = candidates.map((s) => bill.netByService.get(s) ?? 0);
  const shares = weights.some((w) => w > 0) ? allocateProportionally(bill.outstandingFen, weights) : candidates.map((_s, i) => (i === 0 ? Math.max(0, bill.outstandingFen) : 0));
  return new Map(candidates.map((s, i) => [s, shares[i]] as const).filter(([, amount]) => amount > 0));
}

/** Per service: what is owed on the overdue bills and the due date of the oldest bill it comes from. */
export function debtsByService(bills: OverdueBill[]): Map<ServiceKind, Debt> {
  const debts = new Map<ServiceKind, Debt>();
  for (const bill of bills) {
    for (const [service, amountFen] of sharesOf(bill)) {
      const debt = debts.get(service);
      if (!debt) debts.set(service, { amountFen, since: bill.dueDate });
      else debts.set(service, { amountFen: debt.amountFen + amountFen, since: bill.dueDate < debt.since ? bill.dueDate : debt.since });
    }
  }
  return debts;
}

/** The parts a write-off of the service's arrear forgives: the service's share of each overdue bill. */
export function writeOffParts(bills: OverdueBill[], service: ServiceKind): WriteOffPart[] {
  return bills.flatMap((bill) => {
    const amountFen = sharesOf(bill).get(service) ?? 0;
    return amountFen > 0 && !bill.writtenOff.has(service) ? [{ billId: bill.billId, billingMonth: bill.billingMonth, service, amountFen }] : [];
  });
}
