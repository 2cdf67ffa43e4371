import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CommissionStatement } from './commission-statement.entity';

/** One line of a statement: the commission of an order line, or its clawback (negative). */
@Entity('sales_commission_line')
@Index('ix_sales_commission_line_statement', ['statementId'])
export class CommissionLine {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  statementId: string;

  @ManyToOne(() => CommissionStatement, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id', foreignKeyConstraintName: 'fk_sales_commission_line_statement' })
  statement?: CommissionStatement;

  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  orderLineId: string;

  /** commission | clawback */
  @Column({ type: 'varchar', length: 12 })
  kind: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  productCode: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pricePlanCode: string | null;

  @Column({ type: 'bigint' })
  amountFen: string;

  @Column({ type: 'bigint' })
  commissionFen: string;

  /** Which rule applied, e.g. `plan:X`, `product:Y`, `default`. */
  @Column({ type: 'varchar', length: 80 })
  rule: string;
}
