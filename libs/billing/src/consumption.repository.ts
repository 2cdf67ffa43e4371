import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';
import { ArrearStatus, ServiceKind } from './billing.constants';
import { Arrear } from './entities/arrear.entity';
import { Bill } from './entities/bill.entity';

export type Scope = { customerId: string } | { accountId: string };

export interface Totals {
  spendFen: number;
  billedFen: number;
  outstandingFen: number;
  overdueFen: number;
}

const column = (scope: Scope): [string, string] => ('accountId' in scope ? ['account_id', scope.accountId] : ['customer_id', scope.customerId]);

/** Read-only queries behind consumption summaries: tenure, totals, recent bills and usage. */
@Injectable()
export class ConsumptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customer's first day on the network (first subscription, else the record), or null when unknown. */
  async firstOnNetwork(customerId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce((SELECT min(s.started_at) FROM subscription s WHERE s.customer_id = c.id), c.created_at) AS since
       FROM customer c WHERE c.id = $1 AND c.deleted_at IS NULL`,
      [customerId],
    );
    return row ? (row.since as Date) : null;
  }

  async totals(scope: Scope): Promise<Totals> {
    const [col, id] = column(scope);
    const [row] = await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM payment WHERE ${col} = $1) AS spend,
              coalesce(sum(total_fen), 0) AS billed,
              coalesce(sum(total_fen - paid_fen - written_off_fen), 0) AS outstanding,
              coalesce(sum(total_fen - paid_fen - written_off_fen) FILTER (WHERE status = 'overdue'), 0) AS overdue
       FROM bill WHERE ${col} = $1`,
      [id],
    );
    return { spendFen: Number(row.spend), billedFen: Number(row.billed), outstandingFen: Number(row.outstanding), overdueFen: Number(row.overdue) };
  }

  async accountsOf(customerId: string): Promise<{ accounts: number; balanceFen: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, coalesce(sum(balance_fen), 0) AS balance FROM account WHERE customer_id = $1 AND deleted_at IS NULL`,
      [customerId],
    );
    return { accounts: row.n, balanceFen: Number(row.balance) };
  }

  recentBills(scope: Scope, fromMonth: string): Promise<Bill[]> {
    const where = 'accountId' in scope ? { accountId: scope.accountId } : { customerId: scope.customerId };
    return this.dataSource.getRepository(Bill).find({ where: { ...where, billingMonth: MoreThanOrEqual(fromMonth) }, order: { billingMonth: 'DESC', id: 'ASC' } });
  }

  async usageByService(customerId: string, from: Date, to: Date): Promise<{ service: ServiceKind; records: number; durationSeconds: number; volumeKb: number; chargeFen: number }[]> {
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT service, count(*) AS records, coalesce(sum(duration_seconds), 0) AS duration, coalesce(sum(volume_kb), 0) AS volume, coalesce(sum(charge_fen), 0) AS charge
       FROM usage_record WHERE customer_id = $1 AND started_at >= $2 AND started_at < $3
       GROUP BY service ORDER BY service`,
      [customerId, from, to],
    );
    return rows.map((r) => ({ service: r.service as ServiceKind, records: Number(r.records), durationSeconds: Number(r.duration), volumeKb: Number(r.volume), chargeFen: Number(r.charge) }));
  }

  liveArrears(accountId: string): Promise<Arrear[]> {
    return this.dataSource.getRepository(Arrear).find({ where: { accountId, status: In([ArrearStatus.Open, ArrearStatus.InDunning]) }, order: { service: 'ASC' } });
  }
}
