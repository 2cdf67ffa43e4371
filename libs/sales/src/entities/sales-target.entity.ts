import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TargetDimension } from '../sales.constants';

/** 銷售目標: target orders and amount of a month for one value of a dimension (or the whole city: dimension total). */
@Entity('sales_target')
@Index('ux_sales_target', ['period', 'dimension', 'dimensionValue'], { unique: true })
export class SalesTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** First day of the month. */
  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'varchar', length: 16 })
  dimension: TargetDimension;

  /** Customer id, district code, industry code, hall code, agent id; '' for total. */
  @Column({ type: 'varchar', length: 64 })
  dimensionValue: string;

  @Column({ type: 'integer', default: 0 })
  targetOrders: number;

  @Column({ type: 'bigint', default: 0 })
  targetAmountFen: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
