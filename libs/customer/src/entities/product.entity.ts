import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProductCategory } from '../customer.constants';

/** 業務 / 產品: an entry of the product catalogue (fixed line, mobile, broadband, bundles, …). */
@Entity('product')
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
