import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DecisionRecord } from '../escalation-summary.util';

/**
 * City side: an escalation (升級) or appeal (申訴) of one of this city's service requests, sent up
 * as a summary; the decisions of the province and HQ come back here (and into the request's history).
 */
@Entity('service_escalation')
@Check('service_escalation_kind_check', `kind IN ('escalation', 'appeal')`)
@Check('service_escalation_level_check', `level IN ('province', 'hq')`)
@Check('service_escalation_status_check', `status IN ('open', 'under_review', 'resolved', 'rejected', 'forwarded')`)
@Index('ix_service_escalation_request', ['requestId', 'createdAt'])
@Index('ix_service_escalation_status', ['status', 'createdAt'])
export class ServiceEscalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The city's service request (no foreign key: the table exists on every tier). */
  @Column({ type: 'uuid' })
  requestId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: string;

  @Column({ type: 'varchar', length: 8 })
  level: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  decision: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'char', length: 6, nullable: true })
  decidedNode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Every decision received, per deciding node and version. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  decisions: DecisionRecord[];

  /** Version of the last summary sent up (1 on creation, +1 per later status change of the request). */
  @Column({ type: 'integer', default: 1 })
  summaryVersion: number;

  /** The request status in the last summary sent. */
  @Column({ type: 'varchar', length: 12 })
  sentRequestStatus: string;

  /** Whether the last summary sent said the SLA was breached. */
  @Column({ type: 'boolean', default: false })
  sentSlaBreached: boolean;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
