import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ProductCategory } from '../product.constants';

/** 業務 / 產品: an entry of the product catalogue (fixed line, mobile, broadband, IPTV, leased line, bundles such as e9). */
@Entity('product')
@Check('product_category_check', `category IN ('fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle')`)
@Check('product_monthly_fee_fen_check', `monthly_fee_fen >= 0`)
export class Product {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Fixed once created (subscriptions and bundles depend on it). */
  @Column({ type: 'varchar', length: 16 })
  category: ProductCategory;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** 在售: only active products can be newly subscribed; inactive ones stay for existing subscriptions. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Standard monthly fee (標準月租) in fen (分), charged when a subscription has no price plan. */
  @Column({ type: 'integer' })
  monthlyFeeFen: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
