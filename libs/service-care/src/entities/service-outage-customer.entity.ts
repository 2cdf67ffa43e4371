import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '@crm/customer';
import { ServiceOutage } from './service-outage.entity';

/** A customer affected by an outage (given directly or through one of their subscriptions). */
@Entity('service_outage_customer')
@Index('ix_service_outage_customer_customer', ['customerId'])
export class ServiceOutageCustomer {
  @PrimaryColumn({ type: 'uuid' })
  outageId: string;

  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => ServiceOutage, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outage_id', foreignKeyConstraintName: 'fk_service_outage_customer_outage' })
  outage?: ServiceOutage;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_service_outage_customer_customer' })
  customer?: Customer;
}
