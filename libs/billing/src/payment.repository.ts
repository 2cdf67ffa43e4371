import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { PaymentMethod } from './billing.constants';
import { instantOf } from './calendar.util';
import { PaymentFilterDto } from './dto/list-payments.dto';
import { Payment } from './entities/payment.entity';

export interface NewPayment {
  id: string;
  accountId: string;
  customerId: string;
  amountFen: number;
  method: PaymentMethod;
  place: string;
  paidAt: Date;
  reference: string | null;
  recordedBy: string;
}

const SORT_COLUMNS: Record<string, string> = { paidAt: 'p.paidAt', amountFen: 'p.amountFen' };

/** All I/O of payments (繳費) and of the balance they feed. */
@Injectable()
export class PaymentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, p: NewPayment): Promise<Payment> {
    const [row] = await manager.query(
      `INSERT INTO payment (id, account_id, customer_id, amount_fen, method, place, paid_at, reference, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
      [p.id, p.accountId, p.customerId, p.amountFen, p.method, p.place, p.paidAt, p.reference, p.recordedBy],
    );
    return Object.assign(new Payment(), p, { id: row.id, createdAt: row.created_at });
  }

  /**
   * Claims the channel reference for the payment about to be inserted (same transaction). Answers
   * null when the claim succeeded, else the id of the payment that already holds the reference. A concurrent claim of the
   * same (method, reference) waits for the first transaction: it is taken if that one commits.
   */
  async claimReference(manager: EntityManager, p: NewPayment & { reference: string }): Promise<string | null> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO payment_reference (method, reference, payment_id, paid_at, account_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (method, reference) DO NOTHING RETURNING payment_id`,
      [p.method, p.reference, p.id, p.paidAt, p.accountId],
    );
    if (claimed.length) return null;
    const [holder] = await manager.query(`SELECT payment_id FROM payment_reference WHERE method = $1 AND reference = $2`, [p.method, p.reference]);
    return (holder?.payment_id as string | undefined) ?? 'unknown';
  }

  /** Sets the account's balance (the caller holds the account's lock and computed it in this transaction). */
  async setBalance(manager: EntityManager, accountId: string, balanceFen: number): Promise<void> {
    await manager.query(`UPDATE account SET balance_fen = $2, updated_at = now() WHERE id = $1`, [accountId, balanceFen]);
  }

  findById(id: string): Promise<Payment | null> {
    return this.dataSource.getRepository(Payment).findOneBy({ id });
  }

  /** `tz`: the city's time zone, in which a plain calendar date in `from` / `to` means midnight. */
  list(f: PaymentFilterDto & { page: number; pageSize: number }, tz: string): Promise<[Payment[], number]> {
    const qb = this.filtered(f, tz);
    const desc = f.sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }

  exportQuery(f: PaymentFilterDto, tz: string): SelectQueryBuilder<Payment> {
    const desc = f.sort.startsWith('-');
    return this.filtered(f, tz)
      .innerJoin('account', 'a', 'a.id = p.account_id')
      .select([])
      .addSelect('p.paid_at', 'paid_at')
      .addSelect('a.account_number', 'account_number')
      .addSelect('p.customer_id', 'customer_id')
      .addSelect('p.amount_fen', 'amount_fen')
      .addSelect('p.method', 'method')
      .addSelect('p.place', 'place')
      .addSelect('p.reference', 'reference')
      .addSelect('p.recorded_by', 'recorded_by')
      .addSelect('p.id', 'id')
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC')
      .addOrderBy('p.id', 'ASC');
  }

  private filtered(f: PaymentFilterDto, tz: string): SelectQueryBuilder<Payment> {
    const qb = this.dataSource.getRepository(Payment).createQueryBuilder('p');
    if (f.accountId) qb.andWhere('p.account_id = :accountId', { accountId: f.accountId });
    if (f.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: f.customerId });
    if (f.method) qb.andWhere('p.method = :method', { method: f.method });
    if (f.place) qb.andWhere('p.place = :place', { place: f.place });
    if (f.from) qb.andWhere('p.paid_at >= :from', { from: instantOf(f.from, tz) });
    if (f.to) qb.andWhere('p.paid_at < :to', { to: instantOf(f.to, tz) });
    return qb;
  }
}
