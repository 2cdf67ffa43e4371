import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { District } from '@crm/base-config';
import { AgentStatus } from '../sales.constants';

/** 代理商: a sales agent (channel partner) of the city. */
@Entity('sales_agent')
@Index('ux_sales_agent_code', ['code'], { unique: true })
export class SalesAgent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @ManyToOne(() => District, { nullable: true })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'fk_sales_agent_district' })
  district?: District | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 12, default: AgentStatus.Active })
  status: AgentStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
