import { Check, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/** 融合套餐構成: a product that a bundle (e.g. 天翼 e9) includes. */
@Entity('bundle_component')
@Check('bundle_component_distinct_check', `bundle_code <> component_code`)
@Index('ix_bundle_component_component', ['componentCode'])
export class BundleComponent {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_bundle_component' })
  bundleCode: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_bundle_component' })
  componentCode: string;

  /** Deleting a bundle removes its composition. */
  @ManyToOne(() => Product, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bundle_code', foreignKeyConstraintName: 'fk_bundle_component_bundle' })
  bundle?: Product;

  /** A product cannot be deleted while a bundle includes it. */
  @ManyToOne(() => Product, { nullable: false })
  @JoinColumn({ name: 'component_code', foreignKeyConstraintName: 'fk_bundle_component_component' })
  component?: Product;
}
