import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MarketingPlan } from './marketing-plan.entity';

/** Lifecycle history of a marketing plan (who, when, why), written through @crm/planning's recordPlanTransition. */
@Entity('marketing_plan_transition')
@Index('ix_marketing_plan_transition_plan', ['planId', 'at'])
export class MarketingPlanTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => MarketingPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_marketing_plan_transition_plan' })
  plan?: MarketingPlan;

  /** null when the plan was created. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 12 })
  toState: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
