import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '@crm/errors';
import { PromotionFilterDto } from './dto/list-promotions.dto';
import { Promotion, TargetRule } from './entities/promotion.entity';

const SORT_COLUMNS: Record<string, string> = { periodFrom: 'p.periodFrom', name: 'p.name', createdAt: 'p.createdAt' };

const likePrefix = (q: string): string => `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface ApplyOutcome {
  matched: number;
  applied: string[];
}

/** All I/O of promotions (優惠). Eligibility reads customers, subscriptions, payments, bills and arrears by SQL. */
@Injectable()
export class PromotionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<Promotion | null> {
    return this.dataSource.getRepository(Promotion).findOneBy({ id });
  }

  lock(manager: EntityManager, id: string): Promise<Promotion | null> {
    return manager.getRepository(Promotion).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async save(manager: EntityManager, promotion: Promotion): Promise<Promotion> {
    try {
      return await manager.getRepository(Promotion).save(promotion);
    } catch (err) {
      const pg = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
      if (pg?.code === '23505' && pg.constraint === 'ux_promotion_policy_code') throw DomainException.conflict('A promotion with this policyCode already exists', [{ field: 'policyCode', problem: 'already used' }]);
      throw err;
    }
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Promotion).delete({ id });
  }

  /** District codes among `codes` that are not districts of this city. */
  async unknownDistricts(manager: EntityManager, codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: { code: string }[] = await manager.query(`SELECT code FROM district WHERE code = ANY($1::text[])`, [codes]);
    const known = new Set(rows.map((r) => r.code));
    return codes.filter((c) => !known.has(c));
  }

  async appliedCounts(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { promotion_id: string; n: number }[] = await manager.query(
      `SELECT promotion_id, count(*)::int AS n FROM promotion_customer WHERE promotion_id = ANY($1::uuid[]) GROUP BY promotion_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.promotion_id, r.n]));
  }

  /**
   * Selects the customers the rule covers now and records the new ones (ON CONFLICT DO NOTHING:
   * re-applying records nobody twice). Installed lines = active subscriptions; total spend = all
   * payments; credit = the interim score of CREDIT_SCORE_RULE.
   */
  async apply(manager: EntityManager, p: Promotion, appliedBy: string, today: string, tz: string): Promise<ApplyOutcome> {
    const rule: TargetRule = p.targetRule ?? {};
    const [row] = await manager.query(
      `WITH eligible AS (
         SELECT c.id FROM customer c
         WHERE c.deleted_at IS NULL
           AND (cardinality($2::text[]) = 0 OR c.district_code = ANY($2::text[]))
           AND ($3::text[] IS NULL OR c.customer_type = ANY($3::text[]))
           AND ($4::int IS NULL OR (SELECT count(*) FROM subscription s WHERE s.customer_id = c.id AND s.status = 'active') >= $4::int)
           AND ($5::bigint IS NULL OR (SELECT coalesce(sum(pay.amount_fen), 0) FROM payment pay WHERE pay.customer_id = c.id) >= $5::bigint)
           AND ($6::int IS NULL OR greatest(0,
                 100 - 10 * (SELECT count(*) FROM bill b
                             WHERE b.customer_id = c.id AND b.billing_month >= date_trunc('month', $8::date - interval '12 months')::date
                               AND (b.status IN ('overdue', 'written_off') OR (b.paid_at IS NOT NULL AND (b.paid_at AT TIME ZONE $9)::date > b.due_date)))
                     - CASE WHEN EXISTS (SELECT 1 FROM arrear a WHERE a.customer_id = c.id AND a.status IN ('open', 'in_dunning')) THEN 30 ELSE 0 END
               ) >= $6::int)
       ), recorded AS (
         INSERT INTO promotion_customer (promotion_id, customer_id, applied_by)
         SELECT $1, id, $7 FROM eligible
         ON CONFLICT (promotion_id, customer_id) DO NOTHING
         RETURNING customer_id
       )
       SELECT (SELECT count(*)::int FROM eligible) AS matched, (SELECT coalesce(array_agg(customer_id::text), '{}'::text[]) FROM recorded) AS applied`,
      [
        p.id,
        p.regionCodes,
        rule.customerTypes?.length ? rule.customerTypes : null,
        rule.minInstalledLines ?? null,
        rule.minTotalSpendFen ?? null,
        rule.minCreditScore ?? null,
        appliedBy,
        today,
        tz,
      ],
    );
    return { matched: row.matched as number, applied: row.applied as string[] };
  }

  /** The promotions applied to a customer, newest first. */
  forCustomer(customerId: string): Promise<{ id: string; policy_code: string; name: string; method: string; status: string; period_from: string; period_to: string; applied_at: Date; applied_by: string }[]> {
    return this.dataSource.query(
      `SELECT p.id, p.policy_code, p.name, p.method, p.status, p.period_from::text AS period_from, p.period_to::text AS period_to, pc.applied_at, pc.applied_by
       FROM promotion_customer pc JOIN promotion p ON p.id = pc.promotion_id
       WHERE pc.customer_id = $1 ORDER BY pc.applied_at DESC LIMIT 100`,
      [customerId],
    );
  }

  async customers(promotionId: string, page: number, pageSize: number): Promise<[{ customer_id: string; name: string; district_code: string; applied_at: Date; applied_by: string }[], number]> {
    const [count] = await this.dataSource.query(`SELECT count(*)::int AS n FROM promotion_customer WHERE promotion_id = $1`, [promotionId]);
    const rows = await this.dataSource.query(
      `SELECT pc.customer_id, c.name, c.district_code, pc.applied_at, pc.applied_by
       FROM promotion_customer pc JOIN customer c ON c.id = pc.customer_id
       WHERE pc.promotion_id = $1 ORDER BY pc.applied_at, pc.customer_id LIMIT $2 OFFSET $3`,
      [promotionId, pageSize, (page - 1) * pageSize],
    );
    return [rows, count.n as number];
  }

  /** Billed totals (Σ bill.total_fen) of the promotion's customers per billing month in [from, to). */
  async monthlySpend(promotionId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows: { month: string; spend: string }[] = await this.dataSource.query(
      `SELECT b.billing_month AS month, sum(b.total_fen) AS spend
       FROM bill b JOIN promotion_customer pc ON pc.customer_id = b.customer_id AND pc.promotion_id = $1
       WHERE b.billing_month >= $2 AND b.billing_month < $3
       GROUP BY b.billing_month`,
      [promotionId, from, to],
    );
    return new Map(rows.map((r) => [r.month, Number(r.spend)]));
  }

  list(f: PromotionFilterDto & { page: number; pageSize: number }): Promise<[Promotion[], number]> {
    const qb = this.filtered(f);
    const desc = f.sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }

  exportQuery(f: PromotionFilterDto): SelectQueryBuilder<Promotion> {
    const desc = f.sort.startsWith('-');
    return this.filtered(f)
      .select([])
      .addSelect('p.policy_code', 'policy_code')
      .addSelect('p.name', 'name')
      .addSelect('p.purpose', 'purpose')
      .addSelect('p.period_from', 'period_from')
      .addSelect('p.period_to', 'period_to')
      .addSelect(`array_to_string(p.region_codes, ' ')`, 'region_codes')
      .addSelect('p.method', 'method')
      .addSelect('p.description', 'description')
      .addSelect('p.target_rule::text', 'target_rule')
      .addSelect('p.status', 'status')
      .addSelect('(SELECT count(*) FROM promotion_customer pc WHERE pc.promotion_id = p.id)', 'customers_applied')
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC')
      .addOrderBy('p.id', 'ASC');
  }

  private filtered(f: PromotionFilterDto): SelectQueryBuilder<Promotion> {
    const qb = this.dataSource.getRepository(Promotion).createQueryBuilder('p');
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.method) qb.andWhere('p.method = :method', { method: f.method });
    if (f.districtCode) qb.andWhere('(cardinality(p.region_codes) = 0 OR :district = ANY(p.region_codes))', { district: f.districtCode });
    if (f.activeOn) qb.andWhere('p.period_from <= :day AND p.period_to >= :day', { day: f.activeOn });
    if (f.q) {
      const prefix = likePrefix(f.q);
      qb.andWhere(new Brackets((w) => w.where('p.name LIKE :prefix', { prefix }).orWhere('p.policy_code LIKE :prefix', { prefix })));
    }
    return qb;
  }
}
