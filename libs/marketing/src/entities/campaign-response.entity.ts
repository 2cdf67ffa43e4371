import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { Campaign } from './campaign.entity';

/** 響應: what a customer of the contact list did, per channel and outcome (one row each). */
@Entity('campaign_response')
@Check('campaign_response_channel_check', `channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')`)
@Check('campaign_response_outcome_check', `outcome IN ('contacted', 'responded', 'accepted', 'declined', 'converted')`)
@Check('campaign_response_revenue_check', `revenue_fen >= 0`)
@Index('ux_campaign_response', ['campaignId', 'customerId', 'channel', 'outcome'], { unique: true })
@Index('ix_campaign_response_at', ['at'])
export class CampaignResponse {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_response_campaign' })
  campaign?: Campaign;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_campaign_response_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 12 })
  outcome: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'bigint', nullable: true })
  revenueFen: string | null;

  @Column({ type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
