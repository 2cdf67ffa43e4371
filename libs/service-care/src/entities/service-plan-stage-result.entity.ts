import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanStageResultColumns } from '@crm/planning';
import { ServicePlan } from './service-plan.entity';

/** 階段結果: a result fed back while the plan is executing; columns from @crm/planning. */
@Entity('service_plan_stage_result')
@Index('ix_service_plan_stage_result_plan', ['planId', 'at'])
export class ServicePlanStageResult extends PlanStageResultColumns {
  @ManyToOne(() => ServicePlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_service_plan_stage_result_plan' })
  plan?: ServicePlan;
}
