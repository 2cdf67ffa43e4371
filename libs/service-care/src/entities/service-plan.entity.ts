import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Staff } from '@crm/base-config';
import { PlanColumns } from '@crm/planning';

/** 服務方案: a service plan following the plan lifecycle of @crm/planning (common columns: PlanColumns). */
@Entity('service_plan')
@Check('service_plan_state_check', `state IN ('draft', 'evaluation', 'adopted', 'rejected', 'revised', 'confirmed', 'executing', 'evaluated')`)
@Check('service_plan_period_check', `period_to >= period_from`)
@Index('ix_service_plan_state', ['state'])
@Index('ix_service_plan_period', ['periodFrom', 'periodTo'])
export class ServicePlan extends PlanColumns {
  /** Districts covered (codes of base-config districts); empty = the whole city. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopeDistricts: string[];

  /** Customer segments covered, as text (e.g. key_enterprise, 高端住宅). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopeSegments: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  scopeNote: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'owner_staff_id', foreignKeyConstraintName: 'fk_service_plan_owner' })
  owner?: Staff | null;
}
