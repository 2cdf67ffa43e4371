import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanTransitionColumns } from '@crm/planning';
import { ServicePlan } from './service-plan.entity';

/** Lifecycle history of a service plan (who, when, why), written through @crm/planning's recordPlanTransition; columns from @crm/planning. */
@Entity('service_plan_transition')
@Index('ix_service_plan_transition_plan', ['planId', 'at'])
export class ServicePlanTransition extends PlanTransitionColumns {
  @ManyToOne(() => ServicePlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_service_plan_transition_plan' })
  plan?: ServicePlan;
}
