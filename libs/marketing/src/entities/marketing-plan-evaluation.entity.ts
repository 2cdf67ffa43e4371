import { Check, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanEvaluationColumns } from '@crm/planning';
import { MarketingPlan } from './marketing-plan.entity';

/** 方案評價: the evaluation of an executed plan, kept for whoever drafts the next one. One per plan; columns from @crm/planning. */
@Entity('marketing_plan_evaluation')
@Check('marketing_plan_evaluation_score_check', `overall_score BETWEEN 0 AND 100`)
@Index('ux_marketing_plan_evaluation_plan', ['planId'], { unique: true })
@Index('ix_marketing_plan_evaluation_at', ['evaluatedAt'])
export class MarketingPlanEvaluation extends PlanEvaluationColumns {
  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_evaluation_plan' })
  plan?: MarketingPlan;
}
