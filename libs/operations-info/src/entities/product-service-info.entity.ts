import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Product } from '@crm/product';
import { ServiceKind } from '../operations-info.constants';

/** A competitor's offer comparable to ours (競品). */
export interface CompetitorEquivalent {
  competitor: string;
  offer: string;
  monthlyFeeFen?: number | null;
  note?: string | null;
}

/** 產品與服務信息: commercial information about a product or service, beyond the catalogue entry it may point to. */
@Entity('product_service_info')
@Check('product_service_info_kind_check', `kind IN ('fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle', 'value_added', 'other')`)
@Check('product_service_info_dates_check', `retire_date IS NULL OR launch_date IS NULL OR retire_date >= launch_date`)
@Index('ix_product_service_info_product', ['productCode'])
@Index('ix_product_service_info_kind', ['kind', 'launchDate'])
export class ProductServiceInfo {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ServiceKind;

  /** The catalogue product (libs/product) this is about, if any. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  productCode: string | null;

  @ManyToOne(() => Product, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_product_service_info_product' })
  product?: Product | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description: string | null;

  /** 上市日期 */
  @Column({ type: 'date', nullable: true })
  launchDate: string | null;

  /** 退市日期 */
  @Column({ type: 'date', nullable: true })
  retireDate: string | null;

  /** 目標客群 */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetSegments: string[];

  /** 賣點 */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sellingPoints: string[];

  /** 競品對標 */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  competitorEquivalents: CompetitorEquivalent[];

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
