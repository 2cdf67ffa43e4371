import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { Campaign } from './campaign.entity';

/** 活動名單: a customer in a campaign's contact list, in the target or the control group. */
@Entity('campaign_contact')
@Check('campaign_contact_group_check', `contact_group IN ('target', 'control')`)
@Index('ix_campaign_contact_customer', ['customerId'])
export class CampaignContact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_campaign_contact' })
  campaignId: string;

  @ManyToOne(() => Campaign, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_contact_campaign' })
  campaign?: Campaign;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_campaign_contact' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_campaign_contact_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 8 })
  contactGroup: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
