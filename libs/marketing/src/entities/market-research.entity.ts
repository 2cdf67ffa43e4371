import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { District } from '@crm/base-config';

/** 市場調研: a market research record. */
@Entity('market_research')
@Check('market_research_method_check', `method IN ('survey', 'interview', 'focus_group', 'desk', 'observation', 'experiment', 'other')`)
@Check('market_research_period_check', `period_to >= period_from`)
@Index('ix_market_research_period', ['periodFrom', 'periodTo'])
@Index('ix_market_research_district', ['districtCode'])
export class MarketResearch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 調研主題 */
  @Column({ type: 'varchar', length: 200 })
  topic: string;

  /** 調研方法 */
  @Column({ type: 'varchar', length: 16 })
  method: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @ManyToOne(() => District, { nullable: true })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'fk_market_research_district' })
  district?: District | null;

  /** 地域 (free text, e.g. 天河北商圈). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  region: string | null;

  /** 調研結論 */
  @Column({ type: 'text', nullable: true })
  findings: string | null;

  /** 資料來源 */
  @Column({ type: 'varchar', length: 500, nullable: true })
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
