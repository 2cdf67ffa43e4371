import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceRequest } from './service-request.entity';

const bigintAsNumber = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** Metadata of a file attached to a request (the file itself lives in document storage). */
@Entity('service_request_attachment')
@Index('ix_service_request_attachment_request', ['requestId'])
@Check('service_request_attachment_size_check', 'size_bytes >= 0')
export class ServiceRequestAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequest, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_service_request_attachment_request' })
  request?: ServiceRequest;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 127 })
  mediaType: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  /** Where the file is kept (object-store key or URL). */
  @Column({ type: 'varchar', length: 500 })
  storageRef: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
