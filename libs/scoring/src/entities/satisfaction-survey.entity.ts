import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { SurveyChannel } from '../scoring.constants';

const range = (c: string) => `${c} >= 0 AND ${c} <= 100`;

/** A satisfaction survey (滿意度調查) of one customer: the nine factors of DOMAIN.md §3.3, each 0–100. */
@Entity('satisfaction_survey')
@Index('ix_satisfaction_survey_customer_period', ['customerId', 'period'])
@Check('satisfaction_survey_period_check', `extract(day from period) = 1`)
@Check('satisfaction_survey_channel_check', `channel IN ('phone', 'sms', 'online', 'hall', 'visit', 'return_visit')`)
@Check(
  'satisfaction_survey_factors_check',
  [
    'corporate_image', 'attitude', 'service_quality', 'customer_care', 'reliability', 'timeliness', 'security', 'quality_at_price', 'price_at_quality',
  ].map(range).join(' AND '),
)
export class SatisfactionSurvey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_satisfaction_survey_customer' })
  customer?: Customer;

  /** First day of the month the survey counts for. */
  @Column({ type: 'date' })
  period: string;

  /** 服務感知 */
  @Column({ type: 'smallint' }) corporateImage: number;
  @Column({ type: 'smallint' }) attitude: number;
  @Column({ type: 'smallint' }) serviceQuality: number;
  @Column({ type: 'smallint' }) customerCare: number;
  /** 網絡質量感知 */
  @Column({ type: 'smallint' }) reliability: number;
  @Column({ type: 'smallint' }) timeliness: number;
  @Column({ type: 'smallint' }) security: number;
  /** 價值感知 */
  @Column({ type: 'smallint' }) qualityAtPrice: number;
  @Column({ type: 'smallint' }) priceAtQuality: number;

  @Column({ type: 'timestamptz' })
  surveyedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  channel: SurveyChannel;

  @Column({ type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
