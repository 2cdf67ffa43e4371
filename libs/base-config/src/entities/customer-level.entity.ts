import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/** bigint comes back from pg as a string; fen amounts stay far below 2^53. */
const bigintAsNumber = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** 客戶等級: e.g. 普通 / 銀卡 / 金卡, ordered by rank, with the annual spend that qualifies. */
@Entity('customer_level')
@Index('ux_customer_level_rank', ['rank'], { unique: true })
@Check('customer_level_min_annual_spend_fen_check', 'min_annual_spend_fen >= 0')
export class CustomerLevel {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Higher is better; unique. */
  @Column({ type: 'integer' })
  rank: number;

  /** Minimum annual spend in fen (分) to qualify. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  minAnnualSpendFen: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
