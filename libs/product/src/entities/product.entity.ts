import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { ProductCategory } from '../product.constants';

/** 業務 / 產品: an entry of the product catalogue (fixed line, mobile, broadband, bundles, …). */
@Entity('product')
@Check('product_category_check', `category IN ('fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle')`)
@Check('product_monthly_fee_fen_check', `monthly_fee_fen >= 0`)
export class Product {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: ProductCategory;

  /** Monthly fee in fen (分), integer money. */
  @Column({ type: 'integer' })
  monthlyFeeFen: number;
}
