import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanTransitionColumns } from '@crm/planning';
import { MarketingPlan } from './marketing-plan.entity';

/** Lifecycle history of a marketing plan (who, when, why), written through @crm/planning's recordPlanTransition; columns from @crm/planning. */
@Entity('marketing_plan_transition')
@Index('ix_marketing_plan_transition_plan', ['planId', 'at'])
export class MarketingPlanTransition extends PlanTransitionColumns {
  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_transition_plan' })
  plan?: MarketingPlan;
}
