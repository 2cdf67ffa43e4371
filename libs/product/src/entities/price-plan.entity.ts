import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Product } from './product.entity';

/** 資費套餐: a tariff of one product, with its monthly fee, allowances and the days it is on sale. */
@Entity('price_plan')
@Check('price_plan_monthly_fee_fen_check', `monthly_fee_fen >= 0`)
@Check('price_plan_included_voice_minutes_check', `included_voice_minutes >= 0`)
@Check('price_plan_included_data_mb_check', `included_data_mb >= 0`)
@Check('price_plan_valid_range_check', `valid_to IS NULL OR valid_to >= valid_from`)
@Index('ix_price_plan_product', ['productCode'])
/** Target of subscription's (price_plan_code, product_code) foreign key: a plan only ever applies to its own product. */
@Unique('uq_price_plan_code_product', ['code', 'productCode'])
export class PricePlan {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 32 })
  productCode: string;

  @ManyToOne(() => Product, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_code', foreignKeyConstraintName: 'fk_price_plan_product' })
  product?: Product;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Monthly fee in fen (分). */
  @Column({ type: 'integer' })
  monthlyFeeFen: number;

  /** 包含語音分鐘數 */
  @Column({ type: 'integer', default: 0 })
  includedVoiceMinutes: number;

  /** 包含流量 (MB) */
  @Column({ type: 'integer', default: 0 })
  includedDataMb: number;

  /** First day on sale (inclusive). */
  @Column({ type: 'date' })
  validFrom: string;

  /** Last day on sale (inclusive); null: open-ended. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
