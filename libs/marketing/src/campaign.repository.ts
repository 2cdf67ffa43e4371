import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { controlBucketSql } from './control-group.util';
import { customerQueryConditions, SavedCustomerQuery } from './customer-query.util';
import { CampaignFilterDto, ContactFilterDto, ResponseFilterDto } from './dto/campaign.dto';
import { GroupFigures } from './evaluation.util';
import { likeEscape } from './market-research.repository';
import { CampaignStatus, CampaignTarget, CAMPAIGN_DIRECTIVE_KINDS, ContactGroup } from './marketing.constants';

export interface CampaignRow {
  id: string; plan_id: string; code: string; name: string; description: string | null; method_id: string | null; channel: string;
  directive_origin: string | null; directive_key: string | null; directive_version: number | null; target_kind: CampaignTarget;
  segment_dimension: string | null; segment: string | null; segment_period: string | null; customer_query: SavedCustomerQuery | null;
  start_date: string; end_date: string; evaluation_months: number; status: CampaignStatus; contact_list_at: Date | null;
  target_contacts: number; control_contacts: number; created_by: string; created_at: Date; updated_at: Date; version: number;
}

export interface CampaignInsert {
  planId: string; code: string; name: string; description: string | null; methodId: string | null; channel: string;
  directiveOrigin: string | null; directiveKey: string | null; directiveVersion: number | null; targetKind: CampaignTarget;
  segmentDimension: string | null; segment: string | null; segmentPeriod: string | null; customerQuery: SavedCustomerQuery | null;
  startDate: string; endDate: string; evaluationMonths: number;
}

export interface CampaignEdit { name: string; description: string | null; methodId: string | null; channel: string; startDate: string; endDate: string; evaluationMonths: number }

export interface ResponseInsert { customerId: string; channel: string; outcome: string; at: string; revenueFen: number | null }

const SORT: Record<string, string> = { startDate: 'c.start_date', createdAt: 'c.created_at', code: 'c.code' };

/** All I/O of campaigns (營銷活動), their contact lists, responses and stored evaluations. */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The version of a campaign / promotion_policy directive this node holds (the given one, or the latest), else undefined. */
  async directive(origin: string, key: string, version?: number): Promise<{ version: number; kind: string } | undefined> {
    const rows = await this.dataSource.query(
      `SELECT version, kind FROM directive WHERE origin_node = $1 AND key = $2 AND kind = ANY($3::text[]) AND ($4::int IS NULL OR version = $4::int) ORDER BY version DESC LIMIT 1`,
      [origin, key, CAMPAIGN_DIRECTIVE_KINDS, version ?? null],
    );
    return rows[0];
  }

  async segmentExists(dimension: string, segment: string, period: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM customer_segment WHERE dimension = $1 AND segment = $2 AND period = $3::date LIMIT 1`, [dimension, segment, period]);
    return rows.length > 0;
  }

  async methodExists(id: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM marketing_method WHERE id = $1`, [id])).length > 0;
  }

  async insert(manager: EntityManager, c: CampaignInsert, by: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO campaign (plan_id, code, name, description, method_id, channel, directive_origin, directive_key, directive_version, target_kind,
                             segment_dimension, segment, segment_period, customer_query, start_date, end_date, evaluation_months, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [c.planId, c.code, c.name, c.description, c.methodId, c.channel, c.directiveOrigin, c.directiveKey, c.directiveVersion, c.targetKind,
        c.segmentDimension, c.segment, c.segmentPeriod, c.customerQuery === null ? null : JSON.stringify(c.customerQuery), c.startDate, c.endDate, c.evaluationMonths, by],
    );
    return id as string;
  }

  async update(manager: EntityManager, id: string, e: CampaignEdit): Promise<void> {
    await manager.query(
      `UPDATE campaign SET name = $2, description = $3, method_id = $4, channel = $5, start_date = $6, end_date = $7, evaluation_months = $8, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, e.name, e.description, e.methodId, e.channel, e.startDate, e.endDate, e.evaluationMonths],
    );
  }

  async setStatus(manager: EntityManager, id: string, status: CampaignStatus): Promise<void> {
    await manager.query(`UPDATE campaign SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, status]);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM campaign WHERE id = $1`, [id]);
  }

  async lock(manager: EntityManager, id: string): Promise<CampaignRow | undefined> {
    const found = await manager.query(`SELECT id FROM campaign WHERE id = $1 FOR UPDATE`, [id]);
    if (!found.length) return undefined;
    return this.byId(id, manager);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignRow | undefined> {
    const rows = await this.query({ sort: '-startDate' }, manager).andWhere('c.id = :id', { id }).getRawMany();
    return rows[0] as CampaignRow | undefined;
  }

  async list(f: CampaignFilterDto, page: number, pageSize: number): Promise<[CampaignRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as CampaignRow[], n as number];
  }

  query(f: CampaignFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('campaign', 'c')
      .select(['c.id AS id', 'c.plan_id AS plan_id', 'c.code AS code', 'c.name AS name', 'c.description AS description', 'c.method_id AS method_id', 'c.channel AS channel',
        'c.directive_origin AS directive_origin', 'c.directive_key AS directive_key', 'c.directive_version AS directive_version', 'c.target_kind AS target_kind',
        'c.segment_dimension AS segment_dimension', 'c.segment AS segment', `to_char(c.segment_period, 'YYYY-MM') AS segment_period`, 'c.customer_query AS customer_query',
        'c.start_date::text AS start_date', 'c.end_date::text AS end_date', 'c.evaluation_months AS evaluation_months', 'c.status AS status', 'c.contact_list_at AS contact_list_at',
        `(SELECT count(*)::int FROM campaign_contact cc WHERE cc.campaign_id = c.id AND cc.contact_group = 'target') AS target_contacts`,
        `(SELECT count(*)::int FROM campaign_contact cc WHERE cc.campaign_id = c.id AND cc.contact_group = 'control') AS control_contacts`,
        'c.created_by AS created_by', 'c.created_at AS created_at', 'c.updated_at AS updated_at', 'c.version AS version']);
    if (f.planId) qb.andWhere('c.plan_id = :planId', { planId: f.planId });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.channel) qb.andWhere('c.channel = :channel', { channel: f.channel });
    if (f.directiveKey) qb.andWhere('c.directive_key = :directiveKey', { directiveKey: f.directiveKey });
    if (f.startFrom) qb.andWhere('c.start_date >= :startFrom::date', { startFrom: f.startFrom });
    if (f.startTo) qb.andWhere('c.start_date <= :startTo::date', { startTo: f.startTo });
    if (f.q?.trim()) qb.andWhere(`(c.name ILIKE :q ESCAPE '\\' OR c.code ILIKE :q ESCAPE '\\')`, { q: likeEscape(f.q.trim()) });
    return qb.orderBy(SORT[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('c.id', 'ASC');
  }

  /**
   * Replaces the contact list, set-based: INSERT … SELECT of the live customers of the segment or
   * the saved query, each in the control group when its hash bucket is below `controlPercent`.
   */
  async buildContactList(manager: EntityManager, c: CampaignRow, controlPercent: number, spendFrom: string, spendTo: string): Promise<{ target: number; control: number }> {
    await manager.query(`DELETE FROM campaign_contact WHERE campaign_id = $1`, [c.id]);
    const params: unknown[] = [c.id, controlPercent];
    const group = `CASE WHEN ${controlBucketSql('$1::uuid', 'c.id')} < $2::int THEN '${ContactGroup.Control}' ELSE '${ContactGroup.Target}' END`;
    let from: string;
    const where = ['c.deleted_at IS NULL'];
    if (c.target_kind === CampaignTarget.Segment) {
      params.push(c.segment_dimension, c.segment, `${c.segment_period}-01`);
      from = `customer c JOIN customer_segment s ON s.customer_id = c.id AND s.dimension = $3 AND s.segment = $4 AND s.period = $5::date`;
    } else {
      params.push(spendFrom, spendTo);
      from = 'customer c';
      where.push(...customerQueryConditions(c.customer_query ?? {}, params, '$3', '$4'));
    }
    await manager.query(`INSERT INTO campaign_contact (campaign_id, customer_id, contact_group) SELECT $1::uuid, c.id, ${group} FROM ${from} WHERE ${where.join(' AND ')}`, params);
    await manager.query(`UPDATE campaign SET contact_list_at = now(), updated_at = now() WHERE id = $1`, [c.id]);
    const rows: { contact_group: string; n: number }[] = await manager.query(`SELECT contact_group, count(*)::int AS n FROM campaign_contact WHERE campaign_id = $1 GROUP BY 1`, [c.id]);
    const n = (g: string) => rows.find((r) => r.contact_group === g)?.n ?? 0;
    return { target: n(ContactGroup.Target), control: n(ContactGroup.Control) };
  }

  async responseCount(manager: EntityManager, campaignId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM campaign_response WHERE campaign_id = $1`, [campaignId]);
    return n as number;
  }

  contactsQuery(campaignId: string, f: ContactFilterDto): SelectQueryBuilder<object> {
    const qb = this.dataSource.manager
      .createQueryBuilder()
      .from('campaign_contact', 'cc')
      .innerJoin('customer', 'cu', 'cu.id = cc.customer_id')
      .select(['cc.customer_id AS customer_id', 'cu.name AS name', 'cu.customer_type AS customer_type', 'cu.district_code AS district_code', 'cu.phone AS phone',
        'cc.contact_group AS contact_group', 'cc.added_at AS added_at',
        `coalesce((SELECT array_agg(DISTINCT r.outcome ORDER BY r.outcome) FROM campaign_response r WHERE r.campaign_id = cc.campaign_id AND r.customer_id = cc.customer_id), '{}') AS outcomes`])
      .where('cc.campaign_id = :campaignId', { campaignId });
    if (f.group) qb.andWhere('cc.contact_group = :group', { group: f.group });
    return qb.orderBy('cc.contact_group', 'DESC').addOrderBy('cu.name', 'ASC').addOrderBy('cc.customer_id', 'ASC');
  }

  async contacts(campaignId: string, f: ContactFilterDto, page: number, pageSize: number): Promise<[ContactRow[], number]> {
    const qb = this.contactsQuery(campaignId, f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as ContactRow[], n as number];
  }

  /** Customers of the list among `ids`. */
  async onContactList(manager: EntityManager, campaignId: string, ids: string[]): Promise<Set<string>> {
    const rows: { customer_id: string }[] = await manager.query(`SELECT customer_id FROM campaign_contact WHERE campaign_id = $1 AND customer_id = ANY($2::uuid[])`, [campaignId, ids]);
    return new Set(rows.map((r) => r.customer_id));
  }

  /** Inserts responses, ignoring ones already recorded; answers how many were stored. */
  async insertResponses(manager: EntityManager, campaignId: string, rs: ResponseInsert[], by: string): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO campaign_response (campaign_id, customer_id, channel, outcome, at, revenue_fen, recorded_by)
       SELECT $1, r.customer_id, r.channel, r.outcome, r.at, r.revenue_fen, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, channel varchar, outcome varchar, at timestamptz, revenue_fen bigint)
       ON CONFLICT (campaign_id, customer_id, channel, outcome) DO NOTHING RETURNING id`,
      [campaignId, JSON.stringify(rs.map((r) => ({ customer_id: r.customerId, channel: r.channel, outcome: r.outcome, at: r.at, revenue_fen: r.revenueFen }))), by],
    );
    return rows.length;
  }

  async responses(campaignId: string, f: ResponseFilterDto, page: number, pageSize: number): Promise<[ResponseRow[], number]> {
    const params: unknown[] = [campaignId];
    let where = 'campaign_id = $1';
    if (f.outcome) where += ` AND outcome = $${params.push(f.outcome)}`;
    if (f.channel) where += ` AND channel = $${params.push(f.channel)}`;
    if (f.customerId) where += ` AND customer_id = $${params.push(f.customerId)}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM campaign_response WHERE ${where}`, params);
    const rows = await this.dataSource.query(
      `SELECT id::text AS id, customer_id, channel, outcome, at, revenue_fen::text AS revenue_fen, recorded_by FROM campaign_response WHERE ${where} ORDER BY at, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return [rows, n];
  }

  /** Per group: counts of distinct customers and the revenue sums the evaluation needs. */
  async figures(manager: EntityManager | undefined, campaignId: string, beforeFrom: string, startMonth: string, afterTo: string): Promise<Record<string, GroupFigures>> {
    const rows: { contact_group: string; targeted: number; contacted: number; responded: number; converted: number; reported: string; before: string; after: string }[] = await (manager ?? this.dataSource.manager).query(
      `WITH g AS (SELECT customer_id, contact_group FROM campaign_contact WHERE campaign_id = $1),
            r AS (SELECT customer_id, bool_or(outcome <> 'contacted') AS responded, bool_or(outcome = 'converted') AS converted, sum(revenue_fen) AS revenue
                  FROM campaign_response WHERE campaign_id = $1 GROUP BY 1),
            b AS (SELECT bl.customer_id,
                         sum(bl.total_fen) FILTER (WHERE bl.billing_month < $3::date) AS before,
                         sum(bl.total_fen) FILTER (WHERE bl.billing_month >= $3::date) AS after
                  FROM bill bl JOIN g ON g.customer_id = bl.customer_id
                  WHERE bl.billing_month >= $2::date AND bl.billing_month < $4::date GROUP BY 1)
       SELECT g.contact_group, count(*)::int AS targeted, count(r.customer_id)::int AS contacted,
              count(*) FILTER (WHERE r.responded)::int AS responded, count(*) FILTER (WHERE r.converted)::int AS converted,
              coalesce(sum(r.revenue), 0)::text AS reported, coalesce(sum(b.before), 0)::text AS before, coalesce(sum(b.after), 0)::text AS after
       FROM g LEFT JOIN r ON r.customer_id = g.customer_id LEFT JOIN b ON b.customer_id = g.customer_id
       GROUP BY 1`,
      [campaignId, beforeFrom, startMonth, afterTo],
    );
    return Object.fromEntries(
      rows.map((r) => [r.contact_group, { targeted: r.targeted, contacted: r.contacted, responded: r.responded, converted: r.converted, reportedRevenueFen: Number(r.reported), revenueBeforeFen: Number(r.before), revenueAfterFen: Number(r.after) }]),
    );
  }

  async storeEvaluation(manager: EntityManager, campaignId: string, months: number, figures: object, by: string): Promise<void> {
    await manager.query(`INSERT INTO campaign_evaluation (campaign_id, months, figures, evaluated_by) VALUES ($1, $2, $3, $4)`, [campaignId, months, JSON.stringify(figures), by]);
  }

  async storedEvaluation(campaignId: string): Promise<Record<string, unknown> | undefined> {
    const rows = await this.dataSource.query(`SELECT figures FROM campaign_evaluation WHERE campaign_id = $1`, [campaignId]);
    return rows[0]?.figures;
  }

  /** Today in the city's time zone. */
  async today(tz: string): Promise<string> {
    const [{ d }] = await this.dataSource.query(`SELECT (now() AT TIME ZONE $1)::date::text AS d`, [tz]);
    return d as string;
  }
}

export interface ContactRow { customer_id: string; name: string; customer_type: string; district_code: string; phone: string; contact_group: string; added_at: Date; outcomes: string[] }
export interface ResponseRow { id: string; customer_id: string; channel: string; outcome: string; at: Date; revenue_fen: string | null; recorded_by: string }
