import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { Product } from './product.entity';

/** A customer's subscription to a product, identified by a phone number or circuit id. */
@Entity('subscription')
@Index('ix_subscription_customer', ['customerId'])
export class Subscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  /** Phone number or circuit id (業務號碼). */
  @Column({ type: 'varchar', length: 40 })
  serviceNumber: string;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
