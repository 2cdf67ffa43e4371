import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CUSTOMER_TYPES, PromotionMethod, PromotionStatus } from '../promotion.constants';

/** The target rule (適用對象) of a promotion, as stored (validated by TargetRuleDto). */
export interface TargetRule {
  /** At least this many active subscriptions (裝機數). */
  minInstalledLines?: number;
  /** At least this interim credit score (0–100). */
  minCreditScore?: number;
  /** At least this much paid in total (累計消費, fen). */
  minTotalSpendFen?: number;
  /** Only these customer types. */
  customerTypes?: (typeof CUSTOMER_TYPES)[number][];
}

/** 優惠政策: a promotion policy with its period, region, method and target rule. */
@Entity('promotion')
@Unique('ux_promotion_policy_code', ['policyCode'])
@Check('promotion_method_check', `method IN ('discount', 'gift', 'price_cut', 'bundle')`)
@Check('promotion_status_check', `status IN ('draft', 'active', 'ended', 'cancelled')`)
@Check('promotion_period_check', `period_to >= period_from`)
@Index('ix_promotion_status_period', ['status', 'periodFrom'])
export class Promotion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 政策編號 */
  @Column({ type: 'varchar', length: 32 })
  policyCode: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 目的 */
  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose: string | null;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  /** 適用地區: district codes of this city; empty means the whole city. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regionCodes: string[];

  @Column({ type: 'varchar', length: 16 })
  method: PromotionMethod;

  /** 內容: what the customer gets, in words (e.g. 寬帶月費 8 折). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  targetRule: TargetRule;

  @Column({ type: 'varchar', length: 12, default: PromotionStatus.Draft })
  status: PromotionStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
