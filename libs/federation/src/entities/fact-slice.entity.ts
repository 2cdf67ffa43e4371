import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which version of one origin's fact set for one period this node holds. */
@Entity('fact_slice')
export class FactSlice {
  @PrimaryColumn({ type: 'char', length: 6 })
  originNode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  metricSet: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  periodType: string;

  @PrimaryColumn({ type: 'date' })
  period: string;

  /** 0 = placeholder row taken only to lock the slice. */
  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ type: 'integer', default: 0 })
  rowCount: number;

  @Column({ type: 'char', length: 6, nullable: true })
  sourceNode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  producedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
