import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** City fact set "care tasks generated / done by kind per day", from care_task (deleted tasks still count: they were generated). */
@Injectable()
@ProducesFactSet()
export class CareTaskFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.careTasksByKind;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { kind: string; origin: string; generated: string; done: string }[] = await manager.query(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, ($1::date + 1)::timestamp AT TIME ZONE $2 AS e)
       SELECT t.kind, t.origin,
              count(*) FILTER (WHERE t.created_at >= b.s AND t.created_at < b.e) AS generated,
              count(*) FILTER (WHERE t.done_at >= b.s AND t.done_at < b.e) AS done
       FROM care_task t CROSS JOIN b
       WHERE (t.created_at >= b.s AND t.created_at < b.e) OR (t.done_at >= b.s AND t.done_at < b.e)
       GROUP BY 1, 2`,
      [period, timezone],
    );
    return rows.map((r) => ({ dims: { kind: r.kind, origin: r.origin }, measures: { generated: Number(r.generated), done: Number(r.done) } }));
  }
}

/** City fact set "service plans by state at the end of the day", from the transition history. */
@Injectable()
@ProducesFactSet()
export class ServicePlanFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.servicePlansByState;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { state: string; plans: string }[] = await manager.query(
      `WITH b AS (SELECT ($1::date + 1)::timestamp AT TIME ZONE $2 AS e),
            last AS (SELECT DISTINCT ON (h.plan_id) h.plan_id, h.to_state FROM service_plan_transition h CROSS JOIN b WHERE h.at < b.e ORDER BY h.plan_id, h.at DESC, h.id DESC)
       SELECT to_state AS state, count(*) AS plans FROM last GROUP BY 1`,
      [period, timezone],
    );
    return rows.map((r) => ({ dims: { state: r.state }, measures: { plans: Number(r.plans) } }));
  }
}
