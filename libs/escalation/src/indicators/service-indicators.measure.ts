import { EntityManager } from 'typeorm';
import type { ServiceIndicatorName } from '@crm/directives';

/** Numerator and denominator of every indicator for one month of a city (see INDICATORS). */
export type IndicatorCounts = Record<ServiceIndicatorName, { numerator: number; denominator: number }>;

/**
 * The city's counts for the month starting `firstDay` (boundaries in `timezone`): resolutions from
 * the request history (firstContact / slaMet recorded at resolution; a reopened request resolved
 * again counts again, as in service_requests_by_kind), fault repair minutes from receipt to
 * resolution, complaints registered, customers at the end of the month.
 */
export async function measureServiceIndicators(manager: EntityManager, firstDay: string, timezone: string): Promise<IndicatorCounts> {
  const [r] = await manager.query(
    `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, (($1::date + interval '1 month')::date)::timestamp AT TIME ZONE $2 AS e),
     res AS (
       SELECT r.kind, ev.at, r.received_at, ev.details
       FROM service_request_event ev CROSS JOIN b JOIN service_request r ON r.id = ev.request_id
       WHERE ev.action = 'transition' AND ev.to_status = 'resolved' AND ev.at >= b.s AND ev.at < b.e
     )
     SELECT (SELECT count(*) FROM res)::int AS resolutions,
            (SELECT count(*) FROM res WHERE details->>'firstContact' = 'true')::int AS first_contact,
            (SELECT count(*) FROM res WHERE details->>'slaMet' = 'true')::int AS sla_met,
            (SELECT count(*) FROM res WHERE kind = 'fault')::int AS faults,
            (SELECT coalesce(sum(round(extract(epoch FROM at - received_at) / 60)), 0) FROM res WHERE kind = 'fault')::bigint AS fault_minutes,
            (SELECT count(*) FROM service_request r CROSS JOIN b WHERE r.kind = 'complaint' AND r.created_at >= b.s AND r.created_at < b.e)::int AS complaints,
            (SELECT count(*) FROM customer c CROSS JOIN b WHERE c.created_at < b.e AND (c.deleted_at IS NULL OR c.deleted_at >= b.e))::int AS customers`,
    [firstDay, timezone],
  );
  const n = (k: string) => Number(r[k]);
  return {
    faultRepairHours: { numerator: n('fault_minutes'), denominator: n('faults') },
    firstContactResolutionRate: { numerator: n('first_contact'), denominator: n('resolutions') },
    complaintsPer10k: { numerator: n('complaints'), denominator: n('customers') },
    slaAttainmentRate: { numerator: n('sla_met'), denominator: n('resolutions') },
  };
}
