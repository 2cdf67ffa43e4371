import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { MacroInfoCategory, ScopeLevel } from '../operations-info.constants';

/** 宏觀信息: a social, economic, policy, industry, competition or technology item with its validity and scope. */
@Entity('macro_info_item')
@Check('macro_info_item_category_check', `category IN ('economy', 'policy', 'industry', 'competition', 'technology', 'society', 'other')`)
@Check('macro_info_item_scope_level_check', `scope_level IN ('national', 'province', 'city', 'district')`)
@Check('macro_info_item_validity_check', `valid_to IS NULL OR valid_to >= valid_from`)
@Index('ix_macro_info_item_category_published', ['category', 'publishedAt'])
@Index('ix_macro_info_item_validity', ['validFrom', 'validTo'])
export class MacroInfoItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  category: MacroInfoCategory;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** When the information was published (發佈時間). */
  @Column({ type: 'timestamptz' })
  publishedAt: Date;

  /** 有效期: first day it applies. */
  @Column({ type: 'date' })
  validFrom: string;

  /** Last day it applies; null = open-ended. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'varchar', length: 10 })
  scopeLevel: ScopeLevel;

  /** GB/T 2260 codes of the scope (the province, the city, or districts of the city); empty for national. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopeCodes: string[];

  @Column({ type: 'text' })
  content: string;

  /** 與業務的關係: how it bears on the business. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  businessRelevance: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** 來源: publisher, URL, report… */
  @Column({ type: 'varchar', length: 300, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
