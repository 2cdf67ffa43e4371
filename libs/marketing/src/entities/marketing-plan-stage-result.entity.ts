import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanStageResultColumns } from '@crm/planning';
import { MarketingPlan } from './marketing-plan.entity';

/** 階段結果: a result fed back while the plan is executing; columns from @crm/planning. */
@Entity('marketing_plan_stage_result')
@Index('ix_marketing_plan_stage_result_plan', ['planId', 'at'])
export class MarketingPlanStageResult extends PlanStageResultColumns {
  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_stage_result_plan' })
  plan?: MarketingPlan;
}
