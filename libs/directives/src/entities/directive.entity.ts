import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A directive (standard or policy) as this node knows it: issued here (HQ, province) or received
 * from above. Successive versions of a key are rows; the highest version is the one in force.
 */
@Entity('directive')
@Unique('uq_directive_origin_key_version', ['originNode', 'key', 'version'])
@Check('directive_version_check', 'version > 0')
@Index('ix_directive_kind', ['kind', 'issuedAt'])
export class Directive {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 6 })
  originNode: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** Node codes it is meant for (provinces, cities); null: every node below the origin. */
  @Column({ type: 'jsonb', nullable: true })
  scope: string[] | null;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  issuedBy: string;

  /** When and from whom this node received it; null where it was issued. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'char', length: 6, nullable: true })
  receivedFrom: string | null;
}
