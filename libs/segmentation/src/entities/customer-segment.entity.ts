import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { SegmentDimension, SegmentSource } from '../segmentation.constants';

/**
 * A customer's segment on one dimension for one period (a month, stored as its first day). A
 * customer has one row per dimension and period, so it is in several segments at once.
 */
@Entity('customer_segment')
@Check('customer_segment_dimension_check', `dimension IN ('attribute', 'relationship', 'value', 'credit', 'satisfaction', 'loyalty', 'geography', 'demographic', 'behaviour', 'industry', 'size', 'spend')`)
@Check('customer_segment_source_check', `source IN ('computed', 'manual')`)
@Check('customer_segment_period_check', `extract(day from period) = 1`)
@Index('ix_customer_segment_period_dimension_segment', ['period', 'dimension', 'segment'])
export class CustomerSegment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_segment' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_segment_customer' })
  customer?: Customer;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_customer_segment' })
  dimension: SegmentDimension;

  /** First day of the month. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_customer_segment' })
  period: string;

  @Column({ type: 'varchar', length: 24 })
  segment: string;

  /** The figures the segment was decided from, or the note of a manual assignment. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  reason: Record<string, unknown>;

  @Column({ type: 'varchar', length: 8, default: SegmentSource.Computed })
  source: SegmentSource;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;

  /** Username (or `system`) that computed or assigned it. */
  @Column({ type: 'varchar', length: 64 })
  computedBy: string;
}
