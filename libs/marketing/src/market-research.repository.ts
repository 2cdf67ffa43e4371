import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { MarketResearchFilterDto } from './dto/market-research.dto';

export interface MarketResearchRow {
  id: string; title: string; topic: string; method: string; period_from: string; period_to: string; district_code: string | null; region: string | null;
  findings: string | null; source: string | null; created_by: string; created_at: Date; updated_at: Date; version: number;
}

export interface MarketResearchWrite {
  title: string; topic: string; method: string; periodFrom: string; periodTo: string; districtCode: string | null; region: string | null; findings: string | null; source: string | null;
}

const SORT: Record<string, string> = { periodFrom: 'r.period_from', createdAt: 'r.created_at', title: 'r.title' };
export const likeEscape = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** All I/O of market research records (市場調研). */
@Injectable()
export class MarketResearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, r: MarketResearchWrite, by: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO market_research (title, topic, method, period_from, period_to, district_code, region, findings, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [r.title, r.topic, r.method, r.periodFrom, r.periodTo, r.districtCode, r.region, r.findings, r.source, by],
    );
    return id as string;
  }

  async update(manager: EntityManager, id: string, r: MarketResearchWrite): Promise<void> {
    await manager.query(
      `UPDATE market_research SET title = $2, topic = $3, method = $4, period_from = $5, period_to = $6, district_code = $7, region = $8, findings = $9, source = $10,
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, r.title, r.topic, r.method, r.periodFrom, r.periodTo, r.districtCode, r.region, r.findings, r.source],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM market_research WHERE id = $1`, [id]);
  }

  async lock(manager: EntityManager, id: string): Promise<MarketResearchRow | undefined> {
    const found = await manager.query(`SELECT id FROM market_research WHERE id = $1 FOR UPDATE`, [id]);
    if (!found.length) return undefined;
    return this.byId(id, manager);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<MarketResearchRow | undefined> {
    const rows = await this.query({ sort: '-periodFrom' }, manager).andWhere('r.id = :id', { id }).getRawMany();
    return rows[0] as MarketResearchRow | undefined;
  }

  async list(f: MarketResearchFilterDto, page: number, pageSize: number): Promise<[MarketResearchRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as MarketResearchRow[], n as number];
  }

  query(f: MarketResearchFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('market_research', 'r')
      .select(['r.id AS id', 'r.title AS title', 'r.topic AS topic', 'r.method AS method', 'r.period_from::text AS period_from', 'r.period_to::text AS period_to',
        'r.district_code AS district_code', 'r.region AS region', 'r.findings AS findings', 'r.source AS source', 'r.created_by AS created_by',
        'r.created_at AS created_at', 'r.updated_at AS updated_at', 'r.version AS version']);
    if (f.method) qb.andWhere('r.method = :method', { method: f.method });
    if (f.districtCode) qb.andWhere('r.district_code = :district', { district: f.districtCode });
    if (f.from) qb.andWhere('r.period_to >= :from::date', { from: f.from });
    if (f.to) qb.andWhere('r.period_from <= :to::date', { to: f.to });
    if (f.q?.trim()) qb.andWhere(`(r.title ILIKE :q ESCAPE '\\' OR r.topic ILIKE :q ESCAPE '\\' OR r.region ILIKE :q ESCAPE '\\')`, { q: likeEscape(f.q.trim()) });
    return qb.orderBy(SORT[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC');
  }
}
