import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationRecipient, SlaClock, SlaNotificationKind } from '../service.constants';
import { ServiceRequest } from './service-request.entity';

/** An SLA near-breach or breach notice, once per request × clock × kind × recipient. */
@Entity('service_request_notification')
@Index('ux_service_request_notification', ['requestId', 'clock', 'kind', 'recipient'], { unique: true })
@Index('ix_service_request_notification_at', ['at'])
@Index('ix_service_request_notification_staff', ['recipientStaffId'])
@Check('service_request_notification_clock_check', `clock IN ('response', 'resolution')`)
@Check('service_request_notification_kind_check', `kind IN ('near_breach', 'breach')`)
@Check('service_request_notification_recipient_check', `recipient IN ('owner', 'assignee', 'department_head')`)
export class ServiceRequestNotification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequest, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_service_request_notification_request' })
  request?: ServiceRequest;

  @Column({ type: 'varchar', length: 12 })
  clock: SlaClock;

  @Column({ type: 'varchar', length: 12 })
  kind: SlaNotificationKind;

  @Column({ type: 'varchar', length: 16 })
  recipient: NotificationRecipient;

  @Column({ type: 'uuid', nullable: true })
  recipientStaffId: string | null;

  /** For the department head: the department (heads are not modelled in base-config). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  recipientDepartmentCode: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'integer' })
  elapsedMinutes: number;

  @Column({ type: 'integer' })
  targetMinutes: number;
}
