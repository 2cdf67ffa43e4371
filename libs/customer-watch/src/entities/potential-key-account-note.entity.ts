import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PotentialKeyAccount } from './potential-key-account.entity';

/** 跟蹤記錄: one contact with a potential key account while nurturing it. */
@Entity('potential_key_account_note')
@Check('potential_key_account_note_channel_check', `channel IN ('visit', 'phone', 'sms', 'email', 'wechat', 'other')`)
@Index('ix_potential_key_account_note_account', ['potentialKeyAccountId', 'at'])
export class PotentialKeyAccountNote {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  potentialKeyAccountId: string;

  @ManyToOne(() => PotentialKeyAccount, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'potential_key_account_id', foreignKeyConstraintName: 'fk_potential_key_account_note_account' })
  potentialKeyAccount?: PotentialKeyAccount;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  by: string;

  @Column({ type: 'varchar', length: 12 })
  channel: string;

  @Column({ type: 'varchar', length: 1000 })
  note: string;
}
