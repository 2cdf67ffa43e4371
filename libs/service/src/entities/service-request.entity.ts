import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ServiceDepartment, Staff } from '@crm/base-config';
import { Customer } from '@crm/customer';
import { Subscription } from '@crm/product';
import { ServiceChannel, ServiceRequestKind, ServiceRequestStatus, ServiceSeverity } from '../service.constants';

/**
 * 服務請求: a complaint, fault, consultation, query or suggestion of a customer, with its
 * first-contact owner (首問負責), assignment, SLA clocks and escalation.
 */
@Entity('service_request')
@Check('service_request_kind_check', `kind IN ('complaint', 'fault', 'consultation', 'query', 'suggestion')`)
@Check('service_request_channel_check', `channel IN ('call_centre', 'business_hall', 'account_manager', 'hotline_10000', 'hotline_112', 'hotline_114', 'website', 'email')`)
@Check('service_request_severity_check', `severity IN ('critical', 'high', 'medium', 'low')`)
@Check('service_request_status_check', `status IN ('acknowledged', 'in_progress', 'pending', 'resolved', 'closed', 'rejected', 'cancelled')`)
@Index('ix_service_request_customer', ['customerId', 'createdAt'])
@Index('ix_service_request_subscription', ['subscriptionId'])
@Index('ix_service_request_status_kind', ['status', 'kind'])
@Index('ix_service_request_owner', ['ownerStaffId', 'status'])
@Index('ix_service_request_assignee', ['assigneeStaffId', 'status'])
@Index('ix_service_request_department', ['departmentCode', 'status'])
@Index('ix_service_request_created_at', ['createdAt'])
export class ServiceRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ServiceRequestKind;

  @Column({ type: 'varchar', length: 16 })
  channel: ServiceChannel;

  @Column({ type: 'varchar', length: 8 })
  severity: ServiceSeverity;

  @Column({ type: 'varchar', length: 12, default: ServiceRequestStatus.Acknowledged })
  status: ServiceRequestStatus;

  /** Null for a request without an identified customer (e.g. a network fault reported by a system). */
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => Customer, { nullable: true })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_service_request_customer' })
  customer?: Customer | null;

  /** The subscription concerned (must belong to the customer). */
  @Column({ type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @ManyToOne(() => Subscription, { nullable: true })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_service_request_subscription' })
  subscription?: Subscription | null;

  /** 電路編號 of a leased line or another circuit reference, as free text. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  circuitRef: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** 首問: the staff member who received the request; null when a system received it (TMF621 facade). */
  @Column({ type: 'uuid', nullable: true })
  receivedByStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'received_by_staff_id', foreignKeyConstraintName: 'fk_service_request_received_by' })
  receivedBy?: Staff | null;

  /**
   * Responsible staff member: the receiver (or a key account's account manager) until a hand-over;
   * null while nobody owns it (received by a system) until a hand-over or an assignment to a person.
   */
  @Column({ type: 'uuid', nullable: true })
  ownerStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'owner_staff_id', foreignKeyConstraintName: 'fk_service_request_owner' })
  owner?: Staff | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true })
  @JoinColumn({ name: 'assignee_staff_id', foreignKeyConstraintName: 'fk_service_request_assignee' })
  assignee?: Staff | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  departmentCode: string | null;

  @ManyToOne(() => ServiceDepartment, { nullable: true })
  @JoinColumn({ name: 'department_code', foreignKeyConstraintName: 'fk_service_request_department' })
  department?: ServiceDepartment | null;

  /** 大客戶 when created (key customer type or key-account level): faster SLA targets. */
  @Column({ type: 'boolean', default: false })
  keyAccount: boolean;

  /** 客戶經理負責制: the owner was set to the customer's account manager on creation. */
  @Column({ type: 'boolean', default: false })
  routedToAccountManager: boolean;

  /** Explicit hand-overs; a request resolved with none is a first-contact resolution. */
  @Column({ type: 'integer', default: 0 })
  handoverCount: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** SLA clocks run 24×7 (e.g. critical faults) rather than in business hours. */
  @Column({ type: 'boolean', default: false })
  aroundTheClock: boolean;

  @Column({ type: 'integer' })
  responseTargetMinutes: number;

  @Column({ type: 'integer' })
  resolutionTargetMinutes: number;

  @Column({ type: 'timestamptz' })
  responseDueAt: Date;

  /** Recomputed whenever the resolution clock resumes (after pending or a reopen). */
  @Column({ type: 'timestamptz' })
  resolutionDueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Resolution-clock minutes used in earlier running segments. */
  @Column({ type: 'double precision', default: 0 })
  resolutionUsedMinutes: number;

  /** Start of the running segment of the resolution clock; null while paused (pending, resolved, final). */
  @Column({ type: 'timestamptz', nullable: true })
  resolutionRunningSince: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  responseWarnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  responseBreachedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionWarnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionBreachedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
