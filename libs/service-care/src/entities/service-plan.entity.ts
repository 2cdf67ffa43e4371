import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Staff } from '@crm/base-config';
import { PlanState } from '@crm/planning';

/** 服務方案: a service plan following the plan lifecycle of @crm/planning. */
@Entity('service_plan')
@Check('service_plan_state_check', `state IN ('draft', 'evaluation', 'adopted', 'rejected', 'revised', 'confirmed', 'executing', 'evaluated')`)
@Check('service_plan_period_check', `period_to >= period_from`)
@Index('ix_service_plan_state', ['state'])
@Index('ix_service_plan_period', ['periodFrom', 'periodTo'])
export class ServicePlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 目標 */
  @Column({ type: 'varchar', length: 1000 })
  objective: string;

  /** Districts covered (codes of base-config districts); empty = the whole city. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopeDistricts: string[];

  /** Customer segments covered, as text (e.g. key_enterprise, 高端住宅). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopeSegments: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  scopeNote: string | null;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'uuid', nullable: true })
  ownerStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'owner_staff_id', foreignKeyConstraintName: 'fk_service_plan_owner' })
  owner?: Staff | null;

  /** 方案內容: steps, times, places, resources. */
  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'varchar', length: 12, default: PlanState.Draft })
  state: PlanState;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
