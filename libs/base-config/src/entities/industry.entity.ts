import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * 行業 (GB/T 4754-2017): sections A–T are reference data inserted by the migration; divisions,
 * groups and classes may be added below them.
 */
@Entity('industry')
@Index('ix_industry_parent', ['parentCode'])
@Check('industry_parent_check', 'parent_code <> code')
export class Industry {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Industry, { nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_industry_parent' })
  parent?: Industry | null;

  @VersionColumn({ default: 1 })
  version: number;
}
