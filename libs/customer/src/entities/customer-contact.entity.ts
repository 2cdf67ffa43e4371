import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Education, Gender } from '../customer.constants';
import { Customer } from './customer.entity';

/** 聯繫人 of a unit or enterprise customer (name, title, department, phone, ID number, …). */
@Entity('customer_contact')
@Index('ix_customer_contact_customer', ['customerId'])
export class CustomerContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_contact_customer' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  gender: Gender | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  /** 職務 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  title: string | null;

  /** 部門 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  department: string | null;

  /** 職位 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  position: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'char', length: 64, nullable: true })
  idNumberHash: string | null;

  @Column({ type: 'text', nullable: true })
  idNumberEncrypted: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  idNumberMasked: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  education: Education | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
