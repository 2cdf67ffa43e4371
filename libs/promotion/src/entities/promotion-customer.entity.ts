import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { Promotion } from './promotion.entity';

/** A customer a promotion was applied to (優惠對象), once: the key is (promotion, customer). */
@Entity('promotion_customer')
@Index('ix_promotion_customer_customer', ['customerId'])
export class PromotionCustomer {
  @PrimaryColumn({ type: 'uuid' })
  promotionId: string;

  @ManyToOne(() => Promotion, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'promotion_id', foreignKeyConstraintName: 'fk_promotion_customer_promotion' })
  promotion?: Promotion;

  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_promotion_customer_customer' })
  customer?: Customer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;

  /** Username of who ran the apply action. */
  @Column({ type: 'varchar', length: 64 })
  appliedBy: string;
}
