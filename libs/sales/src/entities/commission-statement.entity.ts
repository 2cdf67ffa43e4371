import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CommissionStatus } from '../sales.constants';
import { SalesAgent } from './sales-agent.entity';

/** 佣金/獎金結算單: an agent's commission statement for one month; approved statements are immutable. */
@Entity('sales_commission_statement')
@Index('ux_sales_commission_statement_agent_period', ['agentId', 'period'], { unique: true })
export class CommissionStatement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agentId: string;

  @ManyToOne(() => SalesAgent, { nullable: false })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_sales_commission_statement_agent' })
  agent?: SalesAgent;

  /** First day of the month. */
  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'varchar', length: 12, default: CommissionStatus.Computed })
  status: CommissionStatus;

  @Column({ type: 'integer' })
  orders: number;

  @Column({ type: 'bigint' })
  revenueFen: string;

  @Column({ type: 'bigint' })
  commissionFen: string;

  @Column({ type: 'bigint' })
  bonusFen: string;

  @Column({ type: 'bigint' })
  clawbackFen: string;

  @Column({ type: 'bigint' })
  totalFen: string;

  /** The commission rules the statement was computed with. */
  @Column({ type: 'jsonb' })
  rules: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  computedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  approvedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
