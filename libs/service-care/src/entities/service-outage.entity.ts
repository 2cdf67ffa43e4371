import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { District } from '@crm/base-config';

/** 故障 / 停機: a service outage in an area; a long one generates follow-up care tasks for its affected customers once it ends. */
@Entity('service_outage')
@Check('service_outage_period_check', `ended_at IS NULL OR ended_at > started_at`)
@Index('ix_service_outage_district_started', ['districtCode', 'startedAt'])
@Index('ix_service_outage_ended', ['endedAt'])
export class ServiceOutage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 6 })
  districtCode: string;

  @ManyToOne(() => District, { nullable: false })
  @JoinColumn({ name: 'district_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_service_outage_district' })
  district?: District;

  /** Streets, buildings, exchange… within the district. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  area: string | null;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** null while the outage lasts. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
