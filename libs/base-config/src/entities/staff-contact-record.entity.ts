import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ContactChannel } from '../base-config.constants';
import { Staff } from './staff.entity';

/** 員工聯繫記錄: who a member of staff contacted, when, how and about what. Deleted with the staff member. */
@Entity('staff_contact_record')
@Index('ix_staff_contact_record_staff', ['staffId', 'contactedAt'])
@Check('staff_contact_record_channel_check', `channel IN ('phone', 'email', 'visit', 'meeting', 'im', 'other')`)
export class StaffContactRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_contact_record_staff' })
  staff?: Staff;

  @Column({ type: 'timestamptz' })
  contactedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  channel: ContactChannel;

  /** 聯繫對象: a customer, a partner, a colleague… */
  @Column({ type: 'varchar', length: 100 })
  counterpart: string;

  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Optimistic lock: a PATCH carries the version it read (migration 1764568100000). */
  @VersionColumn({ default: 1 })
  version: number;
}
