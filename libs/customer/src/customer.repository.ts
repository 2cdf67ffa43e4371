import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull, QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { District } from '@crm/base-config';
import { DomainException } from '@crm/errors';
import { CustomerCriteriaDto } from './dto/list-customers.dto';
import { Customer } from './entities/customer.entity';
import { CustomerStatusChange } from './entities/customer-status-change.entity';

export interface CustomerCriteria extends Omit<CustomerCriteriaDto, 'idNumber'> {
  idNumberHash?: string;
}

const UNIQUE_MESSAGES: Record<string, string> = {
  ux_customer_external_id: 'A customer with this externalId already exists',
  ux_customer_id_document: 'A customer with this ID document already exists',
};

const FOREIGN_KEYS: Record<string, [field: string, problem: string]> = {
  fk_customer_district: ['districtCode', 'not a district of this city'],
  fk_customer_status: ['status', 'not a configured customer status'],
  fk_customer_industry: ['industryCode', 'not a configured industry'],
  fk_customer_level: ['levelCode', 'not a configured customer level'],
  fk_customer_hall: ['hallCode', 'not a configured business hall'],
  fk_customer_account_manager: ['accountManagerId', 'not a staff member'],
};

/** Maps constraint violations of customer writes to 409 / 400 naming the field. */
export function translateCustomerWriteError(err: unknown): unknown {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  if (driverError?.code === '23505') {
    return DomainException.conflict(UNIQUE_MESSAGES[driverError.constraint ?? ''] ?? 'The customer conflicts with an existing one');
  }
  if (driverError?.code === '23503') {
    const [field, problem] = FOREIGN_KEYS[driverError.constraint ?? ''] ?? ['body', 'refers to something that does not exist'];
    return DomainException.badRequest(`${field} is ${problem}`, [{ field, problem }]);
  }
  return err;
}

/** All I/O of the customer domain. */
@Injectable()
export class CustomerRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(District) private readonly districts: Repository<District>,
  ) {}

  findById(id: string, manager?: EntityManager, lock = false): Promise<Customer | null> {
    return (manager ?? this.customers.manager).findOne(Customer, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  async districtNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.districts.createQueryBuilder('d').where('d.code IN (:...codes)', { codes: [...new Set(codes)] }).getMany();
    return new Map(rows.map((d) => [d.code, d.name]));
  }

  async save(manager: EntityManager, customer: Customer): Promise<Customer> {
    try {
      return await manager.save(Customer, customer);
    } catch (err) {
      throw translateCustomerWriteError(err);
    }
  }

  /** What still ties a customer to the operator: live subscriptions, open arrears, a prepaid balance. */
  async openCommitments(manager: EntityManager, id: string): Promise<{ subscriptions: number; arrearsFen: number; balanceFen: number }> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM subscription s WHERE s.customer_id = $1 AND s.status <> 'terminated')::int AS subscriptions,
              (SELECT coalesce(sum(a.amount_fen), 0) FROM arrear a WHERE a.customer_id = $1 AND a.status IN ('open', 'in_dunning'))::bigint AS arrears_fen,
              (SELECT coalesce(sum(ac.balance_fen), 0) FROM account ac WHERE ac.customer_id = $1)::bigint AS balance_fen`,
      [id],
    );
    return { subscriptions: row.subscriptions, arrearsFen: Number(row.arrears_fen), balanceFen: Number(row.balance_fen) };
  }

  async softDelete(manager: EntityManager, id: string): Promise<boolean> {
    const res = await manager.softDelete(Customer, { id, deletedAt: IsNull() });
    return (res.affected ?? 0) > 0;
  }

  async addStatusChange(manager: EntityManager, change: Omit<CustomerStatusChange, 'id' | 'changedAt' | 'customer'>): Promise<void> {
    await manager.insert(CustomerStatusChange, change);
  }

  statusHistory(customerId: string): Promise<CustomerStatusChange[]> {
    return this.customers.manager.find(CustomerStatusChange, { where: { customerId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }

  /** The filtered, sorted query behind both the paginated list and the streamed export. */
  criteriaQuery(f: CustomerCriteria): SelectQueryBuilder<Customer> {
    const qb = this.customers.createQueryBuilder('c');
    const eq: [keyof CustomerCriteria, string][] = [
      ['customerType', 'customer_type'], ['districtCode', 'district_code'], ['status', 'status'], ['industryCode', 'industry_code'],
      ['education', 'education'], ['levelCode', 'level_code'], ['hallCode', 'hall_code'], ['keyAccountLevel', 'key_account_level'],
      ['acquisitionChannel', 'acquisition_channel'],
    ];
    for (const [key, column] of eq) if (f[key] !== undefined) qb.andWhere(`c.${column} = :${key}`, { [key]: f[key] });
    if (f.idNumberHash) qb.andWhere('c.id_type = :idType AND c.id_number_hash = :hash', { idType: f.idType, hash: f.idNumberHash });
    if (f.createdFrom) qb.andWhere('c.created_at >= :createdFrom', { createdFrom: f.createdFrom });
    if (f.createdTo) qb.andWhere('c.created_at < :createdTo', { createdTo: f.createdTo });
    if (f.service) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM subscription s JOIN product p ON p.code = s.product_code
                 WHERE s.customer_id = c.id AND s.status = 'active' AND p.category = :service)`,
        { service: f.service },
      );
    }
    // consumption criteria read the billing tables (same city database): spend, arrears, payment method
    if (f.minSpendFen !== undefined || f.maxSpendFen !== undefined) {
      const spend = `(SELECT coalesce(sum(p.amount_fen), 0) FROM payment p WHERE p.customer_id = c.id)`;
      if (f.minSpendFen !== undefined) qb.andWhere(`${spend} >= :minSpend`, { minSpend: f.minSpendFen });
      if (f.maxSpendFen !== undefined) qb.andWhere(`${spend} <= :maxSpend`, { maxSpend: f.maxSpendFen });
    }
    if (f.minArrearsFen !== undefined) {
      qb.andWhere(`(SELECT coalesce(sum(a.amount_fen), 0) FROM arrear a WHERE a.customer_id = c.id AND a.status IN ('open', 'in_dunning')) >= :minArrears`, { minArrears: f.minArrearsFen });
    }
    if (f.paymentMethod) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM payment p WHERE p.customer_id = c.id AND p.method = :method) OR EXISTS (SELECT 1 FROM account ac WHERE ac.customer_id = c.id AND ac.payment_method = :method))`,
        { method: f.paymentMethod },
      );
    }
    if (f.q) {
      const prefix = `${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('c.name LIKE :prefix', { prefix }).orWhere('c.phone LIKE :prefix', { prefix })));
    }
    const desc = f.sort.startsWith('-');
    const column = f.sort.replace('-', '') === 'name' ? 'c.name' : 'c.createdAt';
    return qb.orderBy(column, desc ? 'DESC' : 'ASC').addOrderBy('c.id', 'ASC');
  }

  list(f: CustomerCriteria, page: number, pageSize: number): Promise<[Customer[], number]> {
    return this.criteriaQuery(f).skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
  }

  /** Columns of the export, read raw through a cursor (see streamRawRows). */
  exportQuery(f: CustomerCriteria): SelectQueryBuilder<Customer> {
    return this.criteriaQuery(f)
      .leftJoin(District, 'd', 'd.code = c.district_code')
      .select([
        'c.id AS id', 'c.external_id AS external_id', 'c.name AS name', 'c.customer_type AS customer_type', 'c.gender AS gender',
        'c.birth_date::text AS birth_date', 'c.district_code AS district_code', 'd.name AS district_name', 'c.address AS address',
        'c.phone AS phone', 'c.id_type AS id_type', 'c.id_number_masked AS id_number_masked', 'c.id_number_encrypted AS id_number_encrypted',
        'c.status AS status', 'c.industry_code AS industry_code', 'c.education AS education', 'c.level_code AS level_code',
        'c.hall_code AS hall_code', 'c.acquisition_channel AS acquisition_channel', 'c.created_at AS created_at',
      ]);
  }

  /**
   * Fuzzy search: name by trigram similarity (pg_trgm), phone by prefix, ID number by the keyed
   * hash of its prefix (6+ characters) or the masked form's first characters.
   */
  async search(q: { text: string; idPrefixKey?: string; limit: number; exactOnly: boolean }): Promise<(Customer & { matched_on: string; score: number })[]> {
    const digits = /^[0-9]+[0-9Xx]?$/.test(q.text);
    const parts: string[] = [];
    const params: unknown[] = [q.text, q.limit];
    if (!digits) {
      const like = q.text.replace(/[\\%_]/g, (m) => `\\${m}`);
      params[0] = like;
      // names: prefix (btree, text_pattern_ops) always; from 3 characters also substring and similarity (trigram GIN)
      parts.push(`SELECT c.id, 'name' AS matched_on, 1::float AS score FROM customer c WHERE c.deleted_at IS NULL AND c.name LIKE $1 || '%'`);
      if ([...q.text].length >= 3) {
        parts.push(`SELECT c.id, 'name' AS matched_on, similarity(c.name, $1)::float AS score
                    FROM customer c WHERE c.deleted_at IS NULL AND (c.name % $1 OR c.name LIKE '%' || $1 || '%')`);
      }
    } else {
      parts.push(
        q.exactOnly
          ? `SELECT c.id, 'phone' AS matched_on, 1::float AS score FROM customer c WHERE c.deleted_at IS NULL AND c.phone = $1`
          : `SELECT c.id, 'phone' AS matched_on, 1::float AS score FROM customer c WHERE c.deleted_at IS NULL AND c.phone LIKE $1 || '%'`,
      );
      if (q.exactOnly) {
        // nothing more: without the personal-data permission only a full phone number matches
      } else if (q.idPrefixKey) {
        params.push(q.idPrefixKey);
        parts.push(`SELECT c.id, 'idNumber' AS matched_on, 1::float AS score FROM customer c
                    WHERE c.deleted_at IS NULL AND c.id_prefix_keys @> ARRAY[$3::bigint]`);
      } else if (q.text.length < 6) {
        parts.push(`SELECT c.id, 'idNumber' AS matched_on, 0.9::float AS score FROM customer c WHERE c.deleted_at IS NULL AND c.id_number_masked LIKE $1 || '%'`);
      }
    }
    const hits: { id: string; matched_on: string; score: number }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (id) id, matched_on, score FROM (${parts.map((p) => `(${p} LIMIT $2)`).join(' UNION ALL ')}) h ORDER BY id, score DESC`,
      params,
    );
    if (!hits.length) return [];
    const byId = new Map(hits.map((h) => [h.id, h]));
    const rows = await this.customers.findByIds([...byId.keys()]);
    return rows
      .map((c) => Object.assign(c, { matched_on: byId.get(c.id)!.matched_on, score: Number(byId.get(c.id)!.score) }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, q.limit);
  }
}
