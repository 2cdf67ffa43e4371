import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DirectiveService } from '@crm/directives';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet, todayIn } from '@crm/federation';
import { measureServiceIndicators } from './service-indicators.measure';
import { indicatorMet, INDICATORS, toMilli } from './service-indicators.util';

/** The directive key whose service indicators a city measures itself against. */
export const SERVICE_INDICATORS_KEY = 'service-indicators';


/** The day whose in-force directive version a month is measured against: its last day, or today while it runs. */
export function referenceDay(firstDay: string, timezone: string): string {
  const [y, m] = firstDay.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const today = todayIn(timezone);
  return today < last ? today : last;
}

export const directiveVersionDim = (d: { originNode: string; key: string; version: number }) => `${d.originNode}:${d.key}:${d.version}`;

/**
 * City fact set `service_indicators` (month): for each indicator the in-force `service_indicators`
 * directive sets, the city's numerator and denominator, the target in milli-units and whether it
 * was met (0/1). Nothing while no such directive is in force.
 */
@Injectable()
@ProducesFactSet()
export class ServiceIndicatorFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.serviceIndicators;

  constructor(
    private readonly directives: DirectiveService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    if (this.config.tier !== 'city') return [];
    const directive = await this.directives.inForceOn(SERVICE_INDICATORS_KEY, referenceDay(period, timezone));
    if (!directive || directive.kind !== 'service_indicators') return [];
    const counts = await measureServiceIndicators(manager, period, timezone);
    const rows: FactRow[] = [];
    for (const def of INDICATORS) {
      const target = directive.content[def.name];
      if (typeof target !== 'number') continue;
      const { numerator, denominator } = counts[def.name];
      const targetMilli = toMilli(target);
      rows.push({
        dims: { indicator: def.name, directive_version: directiveVersionDim(directive) },
        measures: { numerator, denominator, target_milli: targetMilli, met: indicatorMet(def, numerator, denominator, targetMilli) ? 1 : 0 },
      });
    }
    return rows;
  }
}
