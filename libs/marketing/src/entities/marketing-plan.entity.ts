import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Staff } from '@crm/base-config';
import { PlanColumns } from '@crm/planning';

/** 營銷方案: a marketing plan following the plan lifecycle of @crm/planning (common columns: PlanColumns). */
@Entity('marketing_plan')
@Check('marketing_plan_state_check', `state IN ('draft', 'evaluation', 'adopted', 'rejected', 'revised', 'confirmed', 'executing', 'evaluated')`)
@Check('marketing_plan_period_check', `period_to >= period_from`)
@Check('marketing_plan_control_check', `control_group_percent BETWEEN 0 AND 50`)
@Check('marketing_plan_budget_check', `budget_fen >= 0`)
@Index('ix_marketing_plan_state', ['state'])
@Index('ix_marketing_plan_period', ['periodFrom', 'periodTo'])
export class MarketingPlan extends PlanColumns {
  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'owner_staff_id', foreignKeyConstraintName: 'fk_marketing_plan_owner' })
  owner?: Staff | null;

  @Column({ type: 'bigint', nullable: true })
  budgetFen: string | null;

  /** 對照組: percentage of each campaign's contact list held back (0 = none). */
  @Column({ type: 'smallint', default: 0 })
  controlGroupPercent: number;
}
