import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which version of a directive a node has applied, as reported up to the issuer (and kept by the nodes in between). */
@Entity('directive_receipt')
export class DirectiveReceipt {
  @PrimaryColumn({ type: 'char', length: 6 })
  originNode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The node that applied it (a province or a city). */
  @PrimaryColumn({ type: 'char', length: 6 })
  nodeCode: string;

  @Column({ type: 'timestamptz' })
  appliedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;
}
