import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 營銷手段: a marketing method (channel and cost model). */
@Entity('marketing_method')
@Check('marketing_method_channel_check', `channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')`)
@Check('marketing_method_cost_model_check', `cost_model IN ('fixed', 'per_contact', 'per_conversion', 'revenue_share', 'none')`)
@Check('marketing_method_unit_cost_check', `unit_cost_fen >= 0`)
@Index('ux_marketing_method_name', ['name'], { unique: true })
export class MarketingMethod {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  costModel: string;

  /** Cost per unit of the model (per contact, per conversion, fixed total), fen. */
  @Column({ type: 'bigint', nullable: true })
  unitCostFen: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
