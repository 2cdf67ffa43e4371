import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetDefinition, FactSetProducer, ProducesFactSet } from '@crm/federation';

/**
 * City fact set "service requests by kind, channel and severity per day": registrations from
 * service_request, resolutions and closings from the history (slaMet / firstContact recorded
 * at resolution), return visits with their ratings. Counts and sums only.
 */
@Injectable()
@ProducesFactSet()
export class ServiceFactsProducer implements FactSetProducer {
  readonly definition: FactSetDefinition = FACT_SETS.serviceRequestsByKind;
  /** Length of the period the figures cover (a day; a month for the monthly set). */
  protected readonly span: string = '1 day';

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: Record<string, string>[] = await manager.query(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, ($1::date + $3::interval)::timestamp AT TIME ZONE $2 AS e),
       opened AS (
         SELECT r.kind, r.channel, r.severity, count(*) AS opened, 0 AS resolved, 0 AS closed, 0 AS sla_met, 0 AS sla_breached, 0 AS fcr, 0 AS visits, 0 AS rating_sum
         FROM service_request r CROSS JOIN b WHERE r.created_at >= b.s AND r.created_at < b.e GROUP BY 1, 2, 3
       ), moved AS (
         SELECT r.kind, r.channel, r.severity, 0, count(*) FILTER (WHERE ev.to_status = 'resolved'), count(*) FILTER (WHERE ev.to_status = 'closed'),
                count(*) FILTER (WHERE ev.to_status = 'resolved' AND ev.details->>'slaMet' = 'true'),
                count(*) FILTER (WHERE ev.to_status = 'resolved' AND ev.details->>'slaMet' = 'false'),
                count(*) FILTER (WHERE ev.to_status = 'resolved' AND ev.details->>'firstContact' = 'true'), 0, 0
         FROM service_request_event ev CROSS JOIN b JOIN service_request r ON r.id = ev.request_id
         WHERE ev.at >= b.s AND ev.at < b.e AND ev.action = 'transition' AND ev.to_status IN ('resolved', 'closed') GROUP BY 1, 2, 3
       ), visited AS (
         SELECT r.kind, r.channel, r.severity, 0, 0, 0, 0, 0, 0, count(*), sum(v.rating)
         FROM service_request_return_visit v CROSS JOIN b JOIN service_request r ON r.id = v.request_id
         WHERE v.visited_at >= b.s AND v.visited_at < b.e GROUP BY 1, 2, 3
       ), u AS (SELECT * FROM opened UNION ALL SELECT * FROM moved UNION ALL SELECT * FROM visited)
       SELECT kind, channel, severity, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(closed)::int AS closed, sum(sla_met)::int AS sla_met,
              sum(sla_breached)::int AS sla_breached, sum(fcr)::int AS first_contact_resolutions, sum(visits)::int AS return_visits, sum(rating_sum)::int AS rating_sum
       FROM u GROUP BY 1, 2, 3`,
      [period, timezone, this.span],
    );
    const measures = this.definition.measures;
    return rows.map((r) => ({
      dims: { kind: r.kind, channel: r.channel, severity: r.severity },
      measures: Object.fromEntries(measures.map((m) => [m, Number(r[m])])),
    }));
  }
}

/**
 * The same figures per month (fact set service_requests_by_kind_month), so province and HQ answer
 * monthly service-quality questions from one slice per city instead of thirty.
 */
@Injectable()
@ProducesFactSet()
export class ServiceMonthFactsProducer extends ServiceFactsProducer {
  override readonly definition: FactSetDefinition = FACT_SETS.serviceRequestsByKindMonth;
  protected override readonly span = '1 month';
}
