import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceEventAction } from '../service.constants';
import { ServiceRequest } from './service-request.entity';

/** History of a request: creation, routing, transitions (from, to, who, when, why), hand-overs, assignments, escalations, return visits. */
@Entity('service_request_event')
@Index('ix_service_request_event_request', ['requestId', 'at'])
@Index('ix_service_request_event_at', ['at', 'action'])
export class ServiceRequestEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequest, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_service_request_event_request' })
  request?: ServiceRequest;

  @Column({ type: 'varchar', length: 16 })
  action: ServiceEventAction;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  toStatus: string | null;

  @Column({ type: 'uuid', nullable: true })
  fromStaffId: string | null;

  @Column({ type: 'uuid', nullable: true })
  toStaffId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  departmentCode: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  /** Figures of the event (SLA met on resolution, hand-overs so far, elapsed minutes of a breach). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;
}
