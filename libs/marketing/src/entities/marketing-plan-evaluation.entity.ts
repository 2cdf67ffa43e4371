import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MarketingPlan } from './marketing-plan.entity';

/** 方案評價: the evaluation of an executed plan, kept for whoever drafts the next one. One per plan. */
@Entity('marketing_plan_evaluation')
@Check('marketing_plan_evaluation_score_check', `overall_score BETWEEN 0 AND 100`)
@Index('ux_marketing_plan_evaluation_plan', ['planId'], { unique: true })
@Index('ix_marketing_plan_evaluation_at', ['evaluatedAt'])
export class MarketingPlanEvaluation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_evaluation_plan' })
  plan?: MarketingPlan;

  /** 0–100. */
  @Column({ type: 'smallint' })
  overallScore: number;

  /** Per criterion, 0–100 (e.g. {"coverage": 80, "satisfaction": 72}). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  @Column({ type: 'varchar', length: 2000 })
  notes: string;

  /** 經驗教訓 for the next plan. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  lessons: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  evaluatedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  evaluatedBy: string;
}
