import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { SubscriptionStatus } from '../product.constants';
import { PricePlan } from './price-plan.entity';
import { Product } from './product.entity';

/** 訂購: a customer's subscription to a product, identified by a service number (phone number or line id). */
@Entity('subscription')
@Check('subscription_status_check', `status IN ('active', 'suspended', 'terminated')`)
/** ended_at is set exactly when the subscription is terminated, and never before it started. */
@Check('subscription_ended_at_check', `(status = 'terminated') = (ended_at IS NOT NULL) AND (ended_at IS NULL OR ended_at >= started_at)`)
@Index('ix_subscription_customer', ['customerId'])
@Index('ix_subscription_product_status', ['productCode', 'status'])
@Index('ix_subscription_price_plan', ['pricePlanCode'])
@Index('ix_subscription_started_at', ['startedAt'])
/** Prefix search on service numbers uses text_pattern_ops, which decorators cannot express: kept in the migration. */
@Index('ix_subscription_service_number_prefix', { synchronize: false })
@Index('ux_subscription_external_id', ['externalId'], { unique: true, where: 'external_id IS NOT NULL' })
export class Subscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Id in the source system (BOSS / billing); the key of idempotent imports. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId: string | null;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_subscription_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 32 })
  productCode: string;

  @ManyToOne(() => Product, { nullable: false })
  @JoinColumn({ name: 'product_code', foreignKeyConstraintName: 'fk_subscription_product' })
  product?: Product;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pricePlanCode: string | null;

  /** The plan must belong to the subscription's product: the key is (price_plan_code, product_code). */
  @ManyToOne(() => PricePlan, { nullable: true })
  @JoinColumn([
    { name: 'price_plan_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_subscription_price_plan' },
    { name: 'product_code', referencedColumnName: 'productCode' },
  ])
  pricePlan?: PricePlan | null;

  /** 業務號碼: phone number or line id; personal data, answered masked unless the caller may see it. */
  @Column({ type: 'varchar', length: 40 })
  serviceNumber: string;

  /** 電路編號 of broadband and leased lines. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  circuitId: string | null;

  @Column({ type: 'varchar', length: 12, default: SubscriptionStatus.Active })
  status: SubscriptionStatus;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** Set when terminated (拆機). */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
