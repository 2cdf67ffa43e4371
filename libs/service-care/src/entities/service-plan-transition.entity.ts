import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServicePlan } from './service-plan.entity';

/** Lifecycle history of a service plan (who, when, why), written through @crm/planning's recordPlanTransition. */
@Entity('service_plan_transition')
@Index('ix_service_plan_transition_plan', ['planId', 'at'])
export class ServicePlanTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => ServicePlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_service_plan_transition_plan' })
  plan?: ServicePlan;

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
