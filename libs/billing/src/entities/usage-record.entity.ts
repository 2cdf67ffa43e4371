import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CallType, ServiceKind, UsageDirection } from '../billing.constants';

/**
 * 使用記錄: one call, session or message, as delivered by the switches / billing (計費).
 *
 * PARTITIONED BY RANGE (started_at), one partition per month (UTC month starts) plus a DEFAULT
 * partition; the migration creates 2024-01 … 2027-12 and EnsurePartitionsJob keeps months ahead.
 * The primary key and the idempotency key both include started_at because PostgreSQL requires
 * the partition key in every unique constraint of a partitioned table.
 *
 * Deliberately no foreign keys: ingest speed (bulk imports of millions of rows per month) and
 * FK checks per partition; the usage import target resolves subscription and customer ids itself
 * and rejects rows it cannot resolve. TypeORM cannot express partitioning, but the columns, key,
 * unique constraint and indexes here match the migration exactly (the migrations test checks it).
 */
@Entity('usage_record')
@Unique('ux_usage_record_external', ['externalId', 'startedAt'])
@Index('ix_usage_record_customer_started', ['customerId', 'startedAt'])
@Index('ix_usage_record_subscription_started', ['subscriptionId', 'startedAt'])
@Check('usage_record_call_type_check', `call_type IN ('local', 'long_distance', 'international', 'roaming', 'data', 'sms', 'other')`)
@Check('usage_record_direction_check', `direction IN ('outgoing', 'incoming')`)
@Check('usage_record_service_check', `service IN ('voice', 'sms', 'data', 'iptv', 'broadband')`)
export class UsageRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @PrimaryColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  externalId: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'integer', default: 0 })
  durationSeconds: number;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? v : Number(v)) } })
  volumeKb: number;

  @Column({ type: 'varchar', length: 16 })
  callType: CallType;

  @Column({ type: 'varchar', length: 8 })
  direction: UsageDirection;

  @Column({ type: 'varchar', length: 16 })
  service: ServiceKind;

  @Column({ type: 'integer', default: 0 })
  chargeFen: number;
}
