import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** 區縣 (service area): a county-level district of the city (GB/T 2260 code). */
@Entity('district')
export class District {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @VersionColumn({ default: 1 })
  version: number;
}
