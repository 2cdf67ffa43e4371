import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Staff } from '@crm/base-config';
import { SalesTeam } from './sales-team.entity';

/** A member of a sales team. */
@Entity('sales_team_member')
@Index('ix_sales_team_member_staff', ['staffId'])
export class SalesTeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => SalesTeam, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_sales_team_member_team' })
  team?: SalesTeam;

  @ManyToOne(() => Staff, { nullable: false })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_sales_team_member_staff' })
  staff?: Staff;
}
