import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CampaignStatus } from '../marketing.constants';
import { MarketingMethod } from './marketing-method.entity';
import { MarketingPlan } from './marketing-plan.entity';

/** 營銷活動: a campaign of a marketing plan, targeting a segment or a saved customer query, optionally carrying out a directive from above. */
@Entity('campaign')
@Check('campaign_channel_check', `channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')`)
@Check('campaign_status_check', `status IN ('planned', 'active', 'closed')`)
@Check('campaign_period_check', `end_date >= start_date`)
@Check('campaign_months_check', `evaluation_months BETWEEN 1 AND 24`)
@Check('campaign_directive_check', `(directive_origin IS NULL) = (directive_key IS NULL) AND (directive_key IS NULL) = (directive_version IS NULL)`)
@Check(
  'campaign_target_check',
  `(target_kind = 'segment' AND segment_dimension IS NOT NULL AND segment IS NOT NULL AND segment_period IS NOT NULL AND customer_query IS NULL) OR (target_kind = 'query' AND customer_query IS NOT NULL AND segment_dimension IS NULL AND segment IS NULL AND segment_period IS NULL)`,
)
@Index('ux_campaign_code', ['code'], { unique: true })
@Index('ix_campaign_plan', ['planId'])
@Index('ix_campaign_directive', ['directiveKey', 'directiveOrigin'])
@Index('ix_campaign_status', ['status', 'startDate'])
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => MarketingPlan, { nullable: false })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_campaign_plan' })
  plan?: MarketingPlan;

  /** The campaign's key (in facts), unique in the city. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  methodId: string | null;

  @ManyToOne(() => MarketingMethod, { nullable: true })
  @JoinColumn({ name: 'method_id', foreignKeyConstraintName: 'fk_campaign_method' })
  method?: MarketingMethod | null;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  /** The directive (campaign / promotion_policy) received from above that this campaign carries out. */
  @Column({ type: 'char', length: 6, nullable: true })
  directiveOrigin: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  directiveKey: string | null;

  @Column({ type: 'integer', nullable: true })
  directiveVersion: number | null;

  @Column({ type: 'varchar', length: 8 })
  targetKind: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  segmentDimension: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  segment: string | null;

  /** First day of the segment's month. */
  @Column({ type: 'date', nullable: true })
  segmentPeriod: string | null;

  /** A SavedCustomerQuery. */
  @Column({ type: 'jsonb', nullable: true })
  customerQuery: Record<string, unknown> | null;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** N: the evaluation compares N billing months from the start month with the N before. */
  @Column({ type: 'smallint', default: 3 })
  evaluationMonths: number;

  @Column({ type: 'varchar', length: 8, default: CampaignStatus.Planned })
  status: CampaignStatus;

  /** When the contact list was (last) built. */
  @Column({ type: 'timestamptz', nullable: true })
  contactListAt: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
