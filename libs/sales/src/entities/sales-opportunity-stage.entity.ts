import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SalesOpportunity } from './sales-opportunity.entity';

/** Stage history of an opportunity. */
@Entity('sales_opportunity_stage')
@Index('ix_sales_opportunity_stage_opportunity', ['opportunityId', 'at'])
export class SalesOpportunityStage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  opportunityId: string;

  @ManyToOne(() => SalesOpportunity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_sales_opportunity_stage_opportunity' })
  opportunity?: SalesOpportunity;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStage: string | null;

  @Column({ type: 'varchar', length: 12 })
  toStage: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
