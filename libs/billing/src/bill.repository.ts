import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { BillItemType, BillStatus, ServiceKind } from './billing.constants';
import { translateDatabaseError } from './database-error.util';
import { BillFilterDto } from './dto/list-bills.dto';
import { Bill } from './entities/bill.entity';
import { monthStart } from './calendar.util';

export interface NewBill {
  accountId: string;
  customerId: string;
  billingMonth: string;
  dueDate: string;
  totalFen: number;
  status: BillStatus;
}

export interface NewBillItem {
  itemType: BillItemType;
  service: ServiceKind;
  amountFen: number;
  description: string | null;
}

/** The part of a bill that settlement needs. What is left to pay: `totalFen − paidFen − writtenOffFen`. */
export interface UnpaidBill {
  id: string;
  billingMonth: string;
  totalFen: number;
  paidFen: number;
  writtenOffFen: number;
  dueDate: string;
  status: BillStatus;
}

/** One bill part forgiven by a write-off: the service's share of what the bill still owed. */
export interface WriteOffPart {
  billId: string;
  billingMonth: string;
  service: ServiceKind;
  amountFen: number;
}

const SORT_COLUMNS: Record<string, string> = { billingMonth: 'b.billingMonth', totalFen: 'b.totalFen', dueDate: 'b.dueDate' };

/**
 * The status a bill has after a change, computed in SQL from its amounts and due date: when
 * nothing is left to pay, paid (or written_off if a write-off took part); else overdue when past
 * due (paid in part or not at all), else partially_paid or issued. `today` is the city's day.
 */
export const billStatusSql = (paid: string, writtenOff: string, today: string): string =>
  `CASE WHEN ${paid} + ${writtenOff} >= total_fen THEN CASE WHEN ${writtenOff} > 0 THEN 'written_off' ELSE 'paid' END
        WHEN due_date < ${today} THEN 'overdue' WHEN ${paid} > 0 THEN 'partially_paid' ELSE 'issued' END`;

const unpaidOf = (r: Record<string, unknown>): UnpaidBill => ({
  id: r.id as string,
  billingMonth: r.billing_month as string,
  totalFen: Number(r.total_fen),
  paidFen: Number(r.paid_fen),
  writtenOffFen: Number(r.written_off_fen),
  dueDate: r.due_date as string,
  status: r.status as BillStatus,
});

/** All I/O of bills and their items. */
@Injectable()
export class BillRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, bill: NewBill, items: NewBillItem[]): Promise<string> {
    try {
      const [row] = await manager.query(
        `INSERT INTO bill (account_id, customer_id, billing_month, due_date, total_fen, status, paid_at)
         VALUES ($1, $2, $3, $4, $5, $6::varchar, CASE WHEN $6::varchar = 'paid' THEN now() END) RETURNING id`,
        [bill.accountId, bill.customerId, bill.billingMonth, bill.dueDate, bill.totalFen, bill.status],
      );
      await manager.query(
        `INSERT INTO bill_item (bill_id, billing_month, item_type, service, amount_fen, description)
         SELECT $1, $2, t.item_type, t.service, t.amount_fen, t.description
         FROM unnest($3::varchar[], $4::varchar[], $5::bigint[], $6::varchar[]) AS t(item_type, service, amount_fen, description)`,
        [row.id, bill.billingMonth, items.map((i) => i.itemType), items.map((i) => i.service), items.map((i) => i.amountFen), items.map((i) => i.description)],
      );
      return row.id as string;
    } catch (err) {
      throw translateDatabaseError(err, { '*': `The account already has a bill for ${bill.billingMonth.slice(0, 7)}` }, { fk_bill_account: 'accountId' });
    }
  }

  findById(id: string): Promise<Bill | null> {
    return this.dataSource.getRepository(Bill).findOne({ where: { id }, relations: { items: true }, order: { items: { id: 'ASC' } } });
  }

  /** Bills of the account with something left to pay, oldest first (paid and written-off ones have nothing). */
  async unpaid(manager: EntityManager, accountId: string): Promise<UnpaidBill[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, billing_month, total_fen, paid_fen, written_off_fen, due_date, status FROM bill
       WHERE account_id = $1 AND status NOT IN ('paid', 'written_off') AND paid_fen + written_off_fen < total_fen ORDER BY billing_month, id`,
      [accountId],
    );
    return rows.map(unpaidOf);
  }

  /** Exactly these bills of the account, in any state (the caller checks them). */
  async byIds(manager: EntityManager, accountId: string, ids: string[]): Promise<UnpaidBill[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, billing_month, total_fen, paid_fen, written_off_fen, due_date, status FROM bill WHERE account_id = $1 AND id = ANY($2::uuid[])`,
      [accountId, ids],
    );
    return rows.map(unpaidOf);
  }

  /** Moves `amountFen` onto the bill; answers its new status. The caller holds the account's lock. */
  async settle(manager: EntityManager, bill: UnpaidBill, amountFen: number, today: string): Promise<BillStatus> {
    const [rows] = await manager.query(
      `UPDATE bill SET paid_fen = paid_fen + $3,
              status = ${billStatusSql('paid_fen + $3', 'written_off_fen', '$4::date')},
              paid_at = CASE WHEN paid_fen + $3 >= total_fen THEN now() END,
              updated_at = now()
       WHERE id = $1 AND billing_month = $2 RETURNING status`,
      [bill.id, bill.billingMonth, amountFen, today],
    );
    return rows[0].status as BillStatus;
  }

  /** 逾期: unpaid bills past their due date become overdue. Answers how many changed. */
  async markOverdue(manager: EntityManager, today: string): Promise<number> {
    const [, affected] = await manager.query(
      `UPDATE bill SET status = 'overdue', updated_at = now()
       WHERE status IN ('issued', 'partially_paid') AND due_date < $1 AND paid_fen + written_off_fen < total_fen`,
      [today],
    );
    return Number(affected);
  }

  /**
   * 核銷: records one part a write-off forgives and moves it onto its bill (`written_off_fen`,
   * status). Answers the bill's new figures. The caller holds the account's lock.
   */
  async writeOff(manager: EntityManager, arrearId: string, part: WriteOffPart, today: string): Promise<{ writtenOffFen: number; status: BillStatus }> {
    await manager.query(`INSERT INTO bill_write_off (arrear_id, bill_id, billing_month, service, amount_fen) VALUES ($1, $2, $3, $4, $5)`, [
      arrearId,
      part.billId,
      part.billingMonth,
      part.service,
      part.amountFen,
    ]);
    const [rows] = await manager.query(
      `UPDATE bill SET written_off_fen = written_off_fen + $3, status = ${billStatusSql('paid_fen', 'written_off_fen + $3', '$4::date')}, updated_at = now()
       WHERE id = $1 AND billing_month = $2 RETURNING written_off_fen, status`,
      [part.billId, part.billingMonth, part.amountFen, today],
    );
    return { writtenOffFen: Number(rows[0].written_off_fen), status: rows[0].status as BillStatus };
  }

  list(f: BillFilterDto & { page: number; pageSize: number }): Promise<[Bill[], number]> {
    const qb = this.filtered(f);
    const desc = f.sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('b.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }

  exportQuery(f: BillFilterDto): SelectQueryBuilder<Bill> {
    const desc = f.sort.startsWith('-');
    return this.filtered(f)
      .innerJoin('account', 'a', 'a.id = b.account_id')
      .select([])
      .addSelect(`to_char(b.billing_month, 'YYYY-MM')`, 'billing_month')
      .addSelect('a.account_number', 'account_number')
      .addSelect('b.customer_id', 'customer_id')
      .addSelect('b.total_fen', 'total_fen')
      .addSelect('b.paid_fen', 'paid_fen')
      .addSelect('b.written_off_fen', 'written_off_fen')
      .addSelect('b.total_fen - b.paid_fen - b.written_off_fen', 'outstanding_fen')
      .addSelect('b.due_date', 'due_date')
      .addSelect('b.status', 'status')
      .addSelect('b.issued_at', 'issued_at')
      .addSelect('b.id', 'id')
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC')
      .addOrderBy('b.id', 'ASC');
  }

  private filtered(f: BillFilterDto): SelectQueryBuilder<Bill> {
    const qb = this.dataSource.getRepository(Bill).createQueryBuilder('b');
    if (f.accountId) qb.andWhere('b.account_id = :accountId', { accountId: f.accountId });
    if (f.customerId) qb.andWhere('b.customer_id = :customerId', { customerId: f.customerId });
    if (f.status) qb.andWhere('b.status = :status', { status: f.status });
    if (f.monthFrom) qb.andWhere('b.billing_month >= :monthFrom', { monthFrom: monthStart(f.monthFrom) });
    if (f.monthTo) qb.andWhere('b.billing_month <= :monthTo', { monthTo: monthStart(f.monthTo) });
    return qb;
  }
}
