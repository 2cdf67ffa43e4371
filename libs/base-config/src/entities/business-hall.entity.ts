import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { District } from './district.entity';

/** 營業廳: a business hall of the city, in one district. */
@Entity('business_hall')
@Index('ix_business_hall_district', ['districtCode'])
export class BusinessHall {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'char', length: 6 })
  districtCode: string;

  @ManyToOne(() => District, { nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'fk_business_hall_district' })
  district?: District;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** 營業時間, e.g. `09:00-18:00`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  openingHours: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn({ default: 1 })
  version: number;
}
