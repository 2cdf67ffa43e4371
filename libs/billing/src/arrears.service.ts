import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, rejectNulls } from '@crm/errors';
import { ArrearsRepository } from './arrears.repository';
import { ArrearStatus, LIVE_ARREAR_STATUSES, ServiceKind } from './billing.constants';
import { BillRepository } from './bill.repository';
import { dayIn } from './calendar.util';
import { ArrearPageDto, ArrearResponseDto, ArrearsGenerationDto } from './dto/arrear-response.dto';
import { ArrearFilterDto, ListArrearsDto } from './dto/list-arrears.dto';
import { UpdateArrearDto } from './dto/update-arrear.dto';
import { Arrear } from './entities/arrear.entity';
import { allocateProportionally } from './money.util';

export const ARREAR_ENTITY = 'arrear';

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
 * 欠費管理. Arrears are derived from overdue bills, never typed in: for each overdue bill the
 * outstanding amount is split over its services in proportion to their net fees (largest
 * remainder, so the parts add up), summed per service, minus what was written off (oldest debt
 * forgiven first). `reconcileAccount` brings one account's live arrears in line with that; it runs
 * after every payment and bill (same transaction) and for every account in the scheduled job.
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
    const debts = this.debtsByService(await this.arrears.overdueBills(manager, accountId), await this.arrears.writtenOff(manager, accountId));
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

  /** 核銷 (write off) or set / lift the suspension flag of a live arrear. */
  async update(id: string, dto: UpdateArrearDto, actor: RequestActor): Promise<ArrearResponseDto> {
    rejectNulls(dto, ['status', 'suspended']);
    if (dto.status === undefined && dto.suspended === undefined) {
      throw DomainException.badRequest('Nothing to change: give status or suspended', [{ field: 'status', problem: 'status or suspended is required' }]);
    }
    const saved = await this.arrears.transaction(async (manager) => {
      const arrear = await this.arrears.lock(manager, id);
      if (!arrear) throw DomainException.notFound('Arrear', id);
      if (arrear.version !== dto.version) {
        throw DomainException.conflict(`The arrear was changed meanwhile (version ${arrear.version}, not ${dto.version}); read it again`, [{ field: 'version', problem: `current version is ${arrear.version}` }]);
      }
      if (!LIVE_ARREAR_STATUSES.includes(arrear.status)) throw DomainException.conflict(`The arrear is ${arrear.status}; only open or in-dunning arrears change`);
      const before = { status: arrear.status, suspended: arrear.suspended };
      if (dto.suspended !== undefined && dto.suspended !== arrear.suspended) {
        arrear.suspended = dto.suspended;
        arrear.suspendedAt = dto.suspended ? new Date() : arrear.suspendedAt;
      }
      if (dto.status === ArrearStatus.WrittenOff) arrear.status = ArrearStatus.WrittenOff;
      const row = await this.arrears.save(manager, arrear);
      await this.audit.record(manager, actor, { action: 'update', entityType: ARREAR_ENTITY, entityId: id, oldValues: before, newValues: { status: row.status, suspended: row.suspended } });
      return row;
    });
    return this.toDto(saved, await this.arrears.accountNumbers([saved.accountId]));
  }

  /** Per service: the outstanding amount, oldest bills first, after forgiving written-off amounts. */
  private debtsByService(bills: Awaited<ReturnType<ArrearsRepository['overdueBills']>>, writtenOff: Map<ServiceKind, number>): Map<ServiceKind, Debt> {
    const parts = new Map<ServiceKind, { dueDate: string; amountFen: number }[]>();
    for (const bill of bills) {
      const services = [...bill.netByService.keys()];
      const weights = services.map((s) => bill.netByService.get(s) ?? 0);
      const shares = weights.some((w) => w > 0) ? allocateProportionally(bill.outstandingFen, weights) : services.map((_s, i) => (i === 0 ? bill.outstandingFen : 0));
      services.forEach((s, i) => {
        if (shares[i] > 0) parts.set(s, [...(parts.get(s) ?? []), { dueDate: bill.dueDate, amountFen: shares[i] }]);
      });
    }
    const debts = new Map<ServiceKind, Debt>();
    for (const [service, list] of parts) {
      let forgiven = writtenOff.get(service) ?? 0;
      let amountFen = 0;
      let since: string | undefined;
      for (const part of list) {
        const rest = part.amountFen - Math.min(forgiven, part.amountFen);
        forgiven -= part.amountFen - rest;
        if (rest > 0) {
          amountFen += rest;
          since = since === undefined || part.dueDate < since ? part.dueDate : since;
        }
      }
      if (amountFen > 0 && since) debts.set(service, { amountFen, since });
    }
    return debts;
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
