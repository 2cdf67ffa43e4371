import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ArrearStatus, LIVE_ARREAR_STATUSES, ServiceKind } from './billing.constants';
import { ArrearFilterDto } from './dto/list-arrears.dto';
import { Arrear } from './entities/arrear.entity';

/**
 * One overdue bill with what is left to pay on it, its net fees per service, and the services
 * whose share of it a write-off forgave (they owe nothing more on this bill).
 */
export interface OverdueBill {
  billId: string;
  billingMonth: string;
  dueDate: string;
  outstandingFen: number;
  netByService: Map<ServiceKind, number>;
  writtenOff: Set<ServiceKind>;
}

const SORT_COLUMNS: Record<string, string> = { amountFen: 'r.amountFen', since: 'r.since', dunningCount: 'r.dunningCount', updatedAt: 'r.updatedAt' };

/** All I/O of arrears (欠費). */
@Injectable()
export class ArrearsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Takes the account's lock (the same one payments and bills take), whether or not it is closed. */
  async lockAccount(manager: EntityManager, accountId: string): Promise<{ customerId: string } | null> {
    const [row] = await manager.query(`SELECT customer_id FROM account WHERE id = $1 FOR UPDATE`, [accountId]);
    return row ? { customerId: row.customer_id } : null;
  }

  /** Accounts whose arrears may have to change: overdue bills or live arrears. */
  async accountsToReconcile(): Promise<string[]> {
    const rows: { account_id: string }[] = await this.dataSource.query(
      `SELECT account_id FROM bill WHERE status = 'overdue'
       UNION SELECT account_id FROM arrear WHERE status IN ('open', 'in_dunning')
       ORDER BY 1`,
    );
    return rows.map((r) => r.account_id);
  }

  async overdueBills(manager: EntityManager, accountId: string): Promise<OverdueBill[]> {
    const rows: { id: string; billing_month: string; due_date: string; outstanding: string; service: ServiceKind; net: string; written_off: boolean }[] = await manager.query(
      `SELECT b.id, b.billing_month, b.due_date, b.total_fen - b.paid_fen - b.written_off_fen AS outstanding, i.service, sum(i.amount_fen) AS net,
              EXISTS (SELECT 1 FROM bill_write_off w WHERE w.bill_id = b.id AND w.billing_month = b.billing_month AND w.service = i.service) AS written_off
       FROM bill b JOIN bill_item i ON i.bill_id = b.id AND i.billing_month = b.billing_month
       WHERE b.account_id = $1 AND b.status = 'overdue'
       GROUP BY b.id, b.billing_month, b.due_date, b.total_fen, b.paid_fen, b.written_off_fen, i.service
       ORDER BY b.billing_month, b.id, i.service`,
      [accountId],
    );
    const bills = new Map<string, OverdueBill>();
    for (const r of rows) {
      let bill = bills.get(r.id);
      if (!bill) {
        bill = { billId: r.id, billingMonth: r.billing_month, dueDate: r.due_date, outstandingFen: Number(r.outstanding), netByService: new Map(), writtenOff: new Set() };
        bills.set(r.id, bill);
      }
      bill.netByService.set(r.service, Number(r.net));
      if (r.written_off) bill.writtenOff.add(r.service);
    }
    return [...bills.values()];
  }

  liveArrears(manager: EntityManager, accountId: string): Promise<Arrear[]> {
    return manager
      .getRepository(Arrear)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.account_id = :accountId', { accountId })
      .andWhere('r.status IN (:...live)', { live: LIVE_ARREAR_STATUSES })
      .getMany();
  }

  async insert(manager: EntityManager, a: { accountId: string; customerId: string; service: ServiceKind; amountFen: number; since: string }): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO arrear (account_id, customer_id, service, amount_fen, peak_amount_fen, since) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
      [a.accountId, a.customerId, a.service, a.amountFen, a.since],
    );
    return row.id as string;
  }

  async updateAmount(manager: EntityManager, id: string, amountFen: number, since: string): Promise<void> {
    await manager.query(
      `UPDATE arrear SET amount_fen = $2, peak_amount_fen = greatest(peak_amount_fen, $2), since = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, amountFen, since],
    );
  }

  /** 回收: nothing is owed any more; open manual tasks of the arrear are closed by the system. */
  async recover(manager: EntityManager, id: string, on: string): Promise<void> {
    await manager.query(
      `UPDATE arrear SET status = $2, amount_fen = 0, recovered_on = $3, suspended = false, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, ArrearStatus.Recovered, on],
    );
    await manager.query(
      `UPDATE dunning_task SET done = true, done_at = now(), done_by = 'system', note = coalesce(note, 'Arrear recovered'), updated_at = now(), version = version + 1
       WHERE arrear_id = $1 AND done = false`,
      [id],
    );
  }

  /** Open manual tasks of an arrear that is no longer live are closed (by the system, or by whoever wrote it off). */
  async closeOpenTasks(manager: EntityManager, arrearId: string, by: string, note: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `UPDATE dunning_task SET done = true, done_at = now(), done_by = $2, note = coalesce(note, $3), updated_at = now(), version = version + 1
       WHERE arrear_id = $1 AND done = false RETURNING id`,
      [arrearId, by, note],
    );
    return rows.map((r) => r.id);
  }

  findById(id: string): Promise<Arrear | null> {
    return this.dataSource.getRepository(Arrear).findOneBy({ id });
  }

  lock(manager: EntityManager, id: string): Promise<Arrear | null> {
    return manager.getRepository(Arrear).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  async save(manager: EntityManager, arrear: Arrear): Promise<Arrear> {
    return manager.getRepository(Arrear).save(arrear);
  }

  async accountNumbers(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; account_number: string }[] = await this.dataSource.query(`SELECT id, account_number FROM account WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.account_number]));
  }

  list(f: ArrearFilterDto & { page: number; pageSize: number }): Promise<[Arrear[], number]> {
    const qb = this.filtered(f);
    const desc = f.sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }

  exportQuery(f: ArrearFilterDto): SelectQueryBuilder<Arrear> {
    const desc = f.sort.startsWith('-');
    return this.filtered(f)
      .innerJoin('account', 'a', 'a.id = r.account_id')
      .innerJoin('customer', 'c', 'c.id = r.customer_id')
      .select([])
      .addSelect('a.account_number', 'account_number')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.district_code', 'district_code')
      .addSelect('r.service', 'service')
      .addSelect('r.amount_fen', 'amount_fen')
      .addSelect('r.since', 'since')
      .addSelect('r.status', 'status')
      .addSelect('r.recovered_on', 'recovered_on')
      .addSelect('r.dunning_method', 'dunning_method')
      .addSelect('r.dunning_count', 'dunning_count')
      .addSelect('r.last_dunned_at', 'last_dunned_at')
      .addSelect('r.suspended', 'suspended')
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC')
      .addOrderBy('r.id', 'ASC');
  }

  private filtered(f: ArrearFilterDto): SelectQueryBuilder<Arrear> {
    const qb = this.dataSource.getRepository(Arrear).createQueryBuilder('r');
    if (f.accountId) qb.andWhere('r.account_id = :accountId', { accountId: f.accountId });
    if (f.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: f.customerId });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.service) qb.andWhere('r.service = :service', { service: f.service });
    if (f.minAmountFen !== undefined) qb.andWhere('r.amount_fen >= :minAmount', { minAmount: f.minAmountFen });
    if (f.maxAmountFen !== undefined) qb.andWhere('r.amount_fen <= :maxAmount', { maxAmount: f.maxAmountFen });
    if (f.sinceFrom) qb.andWhere('r.since >= :sinceFrom', { sinceFrom: f.sinceFrom });
    if (f.sinceTo) qb.andWhere('r.since <= :sinceTo', { sinceTo: f.sinceTo });
    if (f.suspended !== undefined) qb.andWhere('r.suspended = :suspended', { suspended: f.suspended });
    if (f.districtCode) qb.andWhere('r.customer_id IN (SELECT id FROM customer WHERE district_code = :district)', { district: f.districtCode });
    return qb;
  }
}
