import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Campaign } from './campaign.entity';

/** 活動評估: the evaluation stored when a campaign is closed. */
@Entity('campaign_evaluation')
export class CampaignEvaluation {
  @PrimaryColumn({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_evaluation_campaign' })
  campaign?: Campaign;

  @Column({ type: 'smallint' })
  months: number;

  /** The CampaignEvaluationDto at closing. */
  @Column({ type: 'jsonb' })
  figures: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  evaluatedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  evaluatedBy: string;
}
