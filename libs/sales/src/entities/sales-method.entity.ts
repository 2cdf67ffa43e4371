import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** 銷售方式: a sales method (e.g. 上門拜訪, 電話銷售, 展會). */
@Entity('sales_method')
export class SalesMethod {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn({ default: 1 })
  version: number;
}
