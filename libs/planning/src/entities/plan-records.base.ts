import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PlanState } from '../plan.constants';

/*
 * The column sets of a domain's plan and its records. Each domain extends these with its own `@Entity`
 * (table name, indexes, checks) and the `plan` relation whose `@JoinColumn({ name: 'plan_id' })`
 * names the foreign key to its own plan table; the columns here are the same in every domain.
 */

/**
 * The columns every plan table has (PlanWorkflow reads and moves them). A domain's plan entity adds
 * its checks, indexes, the owner relation (`owner_staff_id` with its own foreign key name) and its own
 * columns.
 */
export abstract class PlanColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 目標 */
  @Column({ type: 'varchar', length: 1000 })
  objective: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'uuid', nullable: true })
  ownerStaffId: string | null;

  /** 方案內容: steps, times, places. */
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

/** Lifecycle history of a plan (who, when, why), written through recordPlanTransition. */
export abstract class PlanTransitionColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

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

/** 階段結果: a result fed back while the plan is executing. */
export abstract class PlanStageResultColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

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

/** 方案評價: the evaluation of an executed plan, kept for whoever drafts the next one. One per plan. */
export abstract class PlanEvaluationColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

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
