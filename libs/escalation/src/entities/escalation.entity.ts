import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DecisionRecord, EscalationSummary } from '../escalation-summary.util';

/**
 * Province and HQ side: an escalation received from a city (directly, or through a province), as a
 * summary without personal data, with this tier's decisions and those of the tier above.
 */
@Entity('escalation')
@Unique('uq_escalation_origin_reference', ['originNode', 'reference'])
@Check('escalation_kind_check', `kind IN ('escalation', 'appeal')`)
@Check('escalation_status_check', `status IN ('open', 'under_review', 'resolved', 'rejected', 'forwarded')`)
@Index('ix_escalation_status', ['status', 'receivedAt'])
@Index('ix_escalation_received_at', ['receivedAt'])
export class Escalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The city the escalation comes from. */
  @Column({ type: 'char', length: 6 })
  originNode: string;

  /** The city's escalation id (the message subject). */
  @Column({ type: 'varchar', length: 64 })
  reference: string;

  /** The neighbour it came from: the city itself, or the province that forwarded it. */
  @Column({ type: 'char', length: 6 })
  receivedFrom: string;

  @Column({ type: 'varchar', length: 12 })
  kind: string;

  @Column({ type: 'integer' })
  summaryVersion: number;

  @Column({ type: 'jsonb' })
  summary: EscalationSummary;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  decision: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'char', length: 6, nullable: true })
  decidedNode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** This node's own decisions so far (the version of its next one is this + 1). */
  @Column({ type: 'integer', default: 0 })
  decisionVersion: number;

  /** Decisions of this node and of the tier above, per node and version. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  decisions: DecisionRecord[];

  @Column({ type: 'timestamptz', nullable: true })
  forwardedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
