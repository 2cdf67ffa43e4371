import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Account } from './entities/account.entity';
import { AccountFilterDto } from './dto/list-accounts.dto';
import { likePrefix, translateDatabaseError } from './database-error.util';

const UNIQUE: Record<string, string> = {
  ux_account_number: 'An account with this accountNumber already exists',
  ux_account_customer_serial: 'The customer already has an account with this serial',
};
const FOREIGN_KEYS: Record<string, string> = { fk_account_customer: 'customerId' };

const SORT_COLUMNS: Record<string, string> = { accountNumber: 'a.accountNumber', createdAt: 'a.createdAt', balanceFen: 'a.balanceFen' };

/** All I/O of billing accounts. Methods taking a manager run inside the caller's transaction. */
@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOneBy({ id });
  }

  /** The account, locked for the rest of the transaction (balances and bills change under this lock). */
  lock(manager: EntityManager, id: string): Promise<Account | null> {
    return manager.getRepository(Account).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).andWhere('a.deleted_at IS NULL').getOne();
  }

  /** Whether the customer exists (not closed); locks it against concurrent serial allocation. */
  async lockCustomer(manager: EntityManager, customerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM customer WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE`, [customerId]);
    return rows.length > 0;
  }

  async nextSerial(manager: EntityManager, customerId: string): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(max(serial), 0)::int + 1 AS next FROM account WHERE customer_id = $1`, [customerId]);
    return row.next as number;
  }

  async save(manager: EntityManager, account: Account): Promise<Account> {
    try {
      return await manager.getRepository(Account).save(account);
    } catch (err) {
      throw translateDatabaseError(err, UNIQUE, FOREIGN_KEYS);
    }
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Account).softDelete({ id });
  }

  /** Unpaid bills and live arrears of the account (what blocks closing it). */
  async openDebt(manager: EntityManager, id: string): Promise<{ unpaidBills: number; liveArrears: number }> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM bill WHERE account_id = $1 AND status NOT IN ('paid', 'written_off'))::int AS unpaid_bills,
              (SELECT count(*) FROM arrear WHERE account_id = $1 AND status IN ('open', 'in_dunning'))::int AS live_arrears`,
      [id],
    );
    return { unpaidBills: row.unpaid_bills, liveArrears: row.live_arrears };
  }

  list(f: AccountFilterDto & { page: number; pageSize: number }): Promise<[Account[], number]> {
    const qb = this.filtered(f);
    const desc = f.sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('a.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }

  /** The same filters as `list`, as raw rows for a streamed export (bank accounts masked). */
  exportQuery(f: AccountFilterDto): SelectQueryBuilder<Account> {
    const qb = this.filtered(f)
      .innerJoin('customer', 'c', 'c.id = a.customer_id')
      .select([])
      .addSelect('a.account_number', 'account_number')
      .addSelect('a.serial', 'serial')
      .addSelect('a.customer_id', 'customer_id')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.district_code', 'district_code')
      .addSelect('a.name', 'name')
      .addSelect('a.bank_id', 'bank_id')
      .addSelect('a.bank_account_masked', 'bank_account')
      .addSelect('a.credit_limit_fen', 'credit_limit_fen')
      .addSelect('a.balance_fen', 'balance_fen')
      .addSelect('a.payment_method', 'payment_method')
      .addSelect('a.status', 'status')
      .addSelect('a.created_at', 'created_at');
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('a.id', 'ASC');
  }

  private filtered(f: AccountFilterDto): SelectQueryBuilder<Account> {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder('a');
    if (f.customerId) qb.andWhere('a.customer_id = :customerId', { customerId: f.customerId });
    if (f.accountNumber) qb.andWhere('a.account_number LIKE :number', { number: likePrefix(f.accountNumber) });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.paymentMethod) qb.andWhere('a.payment_method = :method', { method: f.paymentMethod });
    if (f.districtCode) qb.andWhere('a.customer_id IN (SELECT id FROM customer WHERE district_code = :district)', { district: f.districtCode });
    if (f.minBalanceFen !== undefined) qb.andWhere('a.balance_fen >= :minBalance', { minBalance: f.minBalanceFen });
    return qb;
  }
}
