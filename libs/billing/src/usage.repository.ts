import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CallType, ServiceKind, UsageDirection } from './billing.constants';
import { UsageFilterDto } from './dto/list-usage.dto';
import { UsageRecord } from './entities/usage-record.entity';

export interface NewUsageRecord {
  externalId: string;
  subscriptionId: string;
  customerId: string;
  accountId: string | null;
  startedAt: Date;
  durationSeconds: number;
  volumeKb: number;
  callType: CallType;
  direction: UsageDirection;
  service: ServiceKind;
  chargeFen: number;
}

/** All I/O of usage records (使用記錄). */
@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Subscription external id → (subscription id, customer id), in one query. */
  async resolveSubscriptions(manager: EntityManager, externalIds: string[]): Promise<Map<string, { subscriptionId: string; customerId: string; accountId: string | null }>> {
    if (!externalIds.length) return new Map();
    const rows: { external_id: string; id: string; customer_id: string; account_id: string | null }[] = await manager.query(
      `SELECT s.external_id, s.id, s.customer_id,
              (SELECT CASE WHEN count(*) = 1 THEN (array_agg(a.id))[1] END FROM account a WHERE a.customer_id = s.customer_id AND a.deleted_at IS NULL) AS account_id
       FROM subscription s WHERE s.external_id = ANY($1::varchar[])`,
      [[...new Set(externalIds)]],
    );
    return new Map(rows.map((r) => [r.external_id, { subscriptionId: r.id, customerId: r.customer_id, accountId: r.account_id }]));
  }

  /** Inserts the batch in one statement; rows whose (external id, start) exist are skipped. Answers how many were inserted. */
  async insertIgnoringDuplicates(manager: EntityManager, rows: NewUsageRecord[]): Promise<number> {
    if (!rows.length) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO usage_record (external_id, subscription_id, customer_id, account_id, started_at, duration_seconds, volume_kb, call_type, direction, service, charge_fen)
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $11::uuid[], $4::timestamptz[], $5::int[], $6::bigint[], $7::varchar[], $8::varchar[], $9::varchar[], $10::int[])
       ON CONFLICT (external_id, started_at) DO NOTHING
       RETURNING 1`,
      [
        rows.map((r) => r.externalId),
        rows.map((r) => r.subscriptionId),
        rows.map((r) => r.customerId),
        rows.map((r) => r.startedAt.toISOString()),
        rows.map((r) => r.durationSeconds),
        rows.map((r) => r.volumeKb),
        rows.map((r) => r.callType),
        rows.map((r) => r.direction),
        rows.map((r) => r.service),
        rows.map((r) => r.chargeFen),
        rows.map((r) => r.accountId),
      ],
    );
    return inserted.length;
  }

  list(f: UsageFilterDto & { page: number; pageSize: number }): Promise<[UsageRecord[], number]> {
    return this.filtered(f)
      .orderBy('u.startedAt', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
  }

  exportQuery(f: UsageFilterDto): SelectQueryBuilder<UsageRecord> {
    return this.filtered(f)
      .select([])
      .addSelect('u.started_at', 'started_at')
      .addSelect('u.external_id', 'external_id')
      .addSelect('u.subscription_id', 'subscription_id')
      .addSelect('u.customer_id', 'customer_id')
      .addSelect('u.service', 'service')
      .addSelect('u.call_type', 'call_type')
      .addSelect('u.direction', 'direction')
      .addSelect('u.duration_seconds', 'duration_seconds')
      .addSelect('u.volume_kb', 'volume_kb')
      .addSelect('u.charge_fen', 'charge_fen')
      .orderBy('u.startedAt', 'DESC')
      .addOrderBy('u.id', 'DESC');
  }

  private filtered(f: UsageFilterDto): SelectQueryBuilder<UsageRecord> {
    const qb = this.dataSource.getRepository(UsageRecord).createQueryBuilder('u').where('u.started_at >= :from AND u.started_at < :to', { from: f.from, to: f.to });
    if (f.customerId) qb.andWhere('u.customer_id = :customerId', { customerId: f.customerId });
    if (f.subscriptionId) qb.andWhere('u.subscription_id = :subscriptionId', { subscriptionId: f.subscriptionId });
    if (f.service) qb.andWhere('u.service = :service', { service: f.service });
    if (f.callType) qb.andWhere('u.call_type = :callType', { callType: f.callType });
    if (f.direction) qb.andWhere('u.direction = :direction', { direction: f.direction });
    return qb;
  }
}
