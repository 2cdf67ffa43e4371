import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FactSetDefinition } from './protocol/fact-set.catalogue';
import { FactRow } from './protocol/fact-row.util';

export const FACT_SET_PRODUCER = 'crm:federation:fact-set-producer';

export interface FactPeriod {
  /** `YYYY-MM-DD`: the day, or the first day of the month. */
  period: string;
  /** IANA zone in which the period's boundaries are taken (Asia/Shanghai by default). */
  timezone: string;
}

/**
 * A domain's computation of one fact set for one period, from its own tables. The domain
 * owns the SQL; the federation owns versioning, storage and delivery.
 */
export interface FactSetProducer {
  readonly definition: FactSetDefinition;
  /**
   * Month fact sets computed from current state (no history to recompute a past month from): the
   * publication computes them for the current month only, and past months keep the version last
   * published while they were current.
   */
  readonly currentPeriodOnly?: boolean;
  compute(manager: EntityManager, period: FactPeriod): Promise<FactRow[]>;
}

/** Marks a provider as a FactSetProducer; the publication service discovers it. */
export const ProducesFactSet = (): ClassDecorator => SetMetadata(FACT_SET_PRODUCER, true);
