import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Product, Subscription } from '@crm/product';
import { OrderLineAction } from '../sales.constants';
import { SalesOrder } from './sales-order.entity';

/** A line of an order: a new subscription, or a change / termination of an existing one. */
@Entity('sales_order_line')
@Index('ux_sales_order_line_no', ['orderId', 'lineNo'], { unique: true })
@Index('ix_sales_order_line_subscription', ['subscriptionId'])
@Index('ix_sales_order_line_result', ['resultSubscriptionId'])
export class SalesOrderLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => SalesOrder, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_sales_order_line_order' })
  order?: SalesOrder;

  /** 1-based position, named in errors (`lines[0]` is line 1). */
  @Column({ type: 'integer' })
  lineNo: number;

  @Column({ type: 'varchar', length: 12 })
  action: OrderLineAction;

  @Column({ type: 'varchar', length: 32, nullable: true })
  productCode: string | null;

  @ManyToOne(() => Product, { nullable: true })
  @JoinColumn({ name: 'product_code', foreignKeyConstraintName: 'fk_sales_order_line_product' })
  product?: Product | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pricePlanCode: string | null;

  /** The subscription a change / terminate line is about. */
  @Column({ type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @ManyToOne(() => Subscription, { nullable: true })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_sales_order_line_subscription' })
  subscription?: Subscription | null;

  /** Service number of a new subscription. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  serviceNumber: string | null;

  @Column({ type: 'bigint', default: 0 })
  amountFen: string;

  /** The subscription created or changed when the order was completed. */
  @Column({ type: 'uuid', nullable: true })
  resultSubscriptionId: string | null;

  @ManyToOne(() => Subscription, { nullable: true })
  @JoinColumn({ name: 'result_subscription_id', foreignKeyConstraintName: 'fk_sales_order_line_result' })
  resultSubscription?: Subscription | null;
}
