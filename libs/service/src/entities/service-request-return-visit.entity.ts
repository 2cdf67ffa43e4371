import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceRequest } from './service-request.entity';

/** 回訪: the customer asked about a resolved request; satisfied closes it, not satisfied reopens it. */
@Entity('service_request_return_visit')
@Index('ix_service_request_return_visit_request', ['requestId'])
@Index('ix_service_request_return_visit_visited_at', ['visitedAt'])
@Check('service_request_return_visit_rating_check', 'rating BETWEEN 1 AND 5')
export class ServiceRequestReturnVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequest, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_service_request_return_visit_request' })
  request?: ServiceRequest;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'boolean' })
  satisfied: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz' })
  visitedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  visitedBy: string;

  /** The satisfaction survey (@crm/scoring) recorded from this visit. */
  @Column({ type: 'uuid', nullable: true })
  surveyId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
