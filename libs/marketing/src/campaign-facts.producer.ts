import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** Dimension value of a campaign not carrying out a directive. */
export const NO_DIRECTIVE = 'none';

/**
 * City fact set "campaign results per month" (campaign_results), additive counts only. A customer is
 * counted once per campaign and measure: `targeted` in the month the contact list was built (channel:
 * the campaign's), `contacted` / `responded` / `converted` in the month of the customer's first such
 * response (channel: that response's); `revenue_fen` is Σ revenueFen of responses in the month.
 */
@Injectable()
@ProducesFactSet()
export class CampaignFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.campaignResults;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { code: string; origin: string | null; key: string | null; version: number | null; channel: string; grp: string; targeted: string; contacted: string; responded: string; converted: string; revenue: string }[] = await manager.query(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, (($1::date + interval '1 month')::date)::timestamp AT TIME ZONE $2 AS e),
            firsts AS (
              SELECT DISTINCT ON (r.campaign_id, r.customer_id, k.kind) r.campaign_id, r.customer_id, k.kind, r.channel, r.at
              FROM campaign_response r
              CROSS JOIN LATERAL (VALUES ('contacted', true), ('responded', r.outcome <> 'contacted'), ('converted', r.outcome = 'converted')) AS k(kind, hit)
              WHERE k.hit
              ORDER BY r.campaign_id, r.customer_id, k.kind, r.at, r.id),
            events AS (
              SELECT cc.campaign_id, cc.contact_group AS grp, c.channel, cc.added_at AS at, 1 AS targeted, 0 AS contacted, 0 AS responded, 0 AS converted, 0::bigint AS revenue
              FROM campaign_contact cc JOIN campaign c ON c.id = cc.campaign_id
              UNION ALL
              SELECT f.campaign_id, cc.contact_group, f.channel, f.at, 0, (f.kind = 'contacted')::int, (f.kind = 'responded')::int, (f.kind = 'converted')::int, 0
              FROM firsts f JOIN campaign_contact cc ON cc.campaign_id = f.campaign_id AND cc.customer_id = f.customer_id
              UNION ALL
              SELECT r.campaign_id, cc.contact_group, r.channel, r.at, 0, 0, 0, 0, r.revenue_fen
              FROM campaign_response r JOIN campaign_contact cc ON cc.campaign_id = r.campaign_id AND cc.customer_id = r.customer_id
              WHERE r.revenue_fen IS NOT NULL)
       SELECT c.code, c.directive_origin AS origin, c.directive_key AS key, c.directive_version AS version, e.channel, e.grp,
              sum(e.targeted) AS targeted, sum(e.contacted) AS contacted, sum(e.responded) AS responded, sum(e.converted) AS converted, sum(e.revenue) AS revenue
       FROM events e JOIN campaign c ON c.id = e.campaign_id CROSS JOIN b
       WHERE e.at >= b.s AND e.at < b.e
       GROUP BY 1, 2, 3, 4, 5, 6`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: {
        campaign: r.code,
        directive_origin: r.origin ?? NO_DIRECTIVE,
        directive_key: r.key ?? NO_DIRECTIVE,
        directive_version: r.version === null ? NO_DIRECTIVE : String(r.version),
        channel: r.channel,
        group: r.grp,
      },
      measures: { targeted: Number(r.targeted), contacted: Number(r.contacted), responded: Number(r.responded), converted: Number(r.converted), revenue_fen: Number(r.revenue) },
    }));
  }
}
