import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MarketingPlan } from './marketing-plan.entity';

/** 階段結果: a result fed back while the plan is executing. */
@Entity('marketing_plan_stage_result')
@Index('ix_marketing_plan_stage_result_plan', ['planId', 'at'])
export class MarketingPlanStageResult {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_stage_result_plan' })
  plan?: MarketingPlan;

  @Column({ type: 'varchar', length: 100 })
  stage: string;

  @Column({ type: 'varchar', length: 2000 })
  result: string;

  /** Figures of the stage (e.g. customers visited), free form. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  metrics: Record<string, number>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
