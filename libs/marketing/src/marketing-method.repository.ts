import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { MarketingMethodFilterDto } from './dto/marketing-method.dto';
import { likeEscape } from './market-research.repository';

export interface MarketingMethodRow {
  id: string; name: string; channel: string; description: string | null; cost_model: string; unit_cost_fen: string | null; created_by: string; created_at: Date; updated_at: Date; version: number;
}

export interface MarketingMethodWrite {
  name: string; channel: string; description: string | null; costModel: string; unitCostFen: number | null;
}

const SORT: Record<string, string> = { name: 'm.name', createdAt: 'm.created_at' };

/** All I/O of marketing methods (營銷手段). */
@Injectable()
export class MarketingMethodRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, m: MarketingMethodWrite, by: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO marketing_method (name, channel, description, cost_model, unit_cost_fen, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [m.name, m.channel, m.description, m.costModel, m.unitCostFen, by],
    );
    return id as string;
  }

  async update(manager: EntityManager, id: string, m: MarketingMethodWrite): Promise<void> {
    await manager.query(
      `UPDATE marketing_method SET name = $2, channel = $3, description = $4, cost_model = $5, unit_cost_fen = $6, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, m.name, m.channel, m.description, m.costModel, m.unitCostFen],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM marketing_method WHERE id = $1`, [id]);
  }

  async campaignsUsing(manager: EntityManager, id: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM campaign WHERE method_id = $1`, [id]);
    return n as number;
  }

  async lock(manager: EntityManager, id: string): Promise<MarketingMethodRow | undefined> {
    const rows = await manager.query(
      `SELECT id, name, channel, description, cost_model, unit_cost_fen::text AS unit_cost_fen, created_by, created_at, updated_at, version FROM marketing_method WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async byId(id: string): Promise<MarketingMethodRow | undefined> {
    const rows = await this.query({ sort: 'name' }).andWhere('m.id = :id', { id }).getRawMany();
    return rows[0] as MarketingMethodRow | undefined;
  }

  async list(f: MarketingMethodFilterDto, page: number, pageSize: number): Promise<[MarketingMethodRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as MarketingMethodRow[], n as number];
  }

  query(f: MarketingMethodFilterDto): SelectQueryBuilder<object> {
    const qb = this.dataSource.manager
      .createQueryBuilder()
      .from('marketing_method', 'm')
      .select(['m.id AS id', 'm.name AS name', 'm.channel AS channel', 'm.description AS description', 'm.cost_model AS cost_model', 'm.unit_cost_fen::text AS unit_cost_fen',
        'm.created_by AS created_by', 'm.created_at AS created_at', 'm.updated_at AS updated_at', 'm.version AS version']);
    if (f.channel) qb.andWhere('m.channel = :channel', { channel: f.channel });
    if (f.costModel) qb.andWhere('m.cost_model = :costModel', { costModel: f.costModel });
    if (f.q?.trim()) qb.andWhere(`m.name ILIKE :q ESCAPE '\\'`, { q: likeEscape(f.q.trim()) });
    return qb.orderBy(SORT[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('m.id', 'ASC');
  }
}
