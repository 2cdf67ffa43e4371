import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * 客戶狀態: the statuses a customer may be in (`customer.status` references `code`). The
 * migration inserts `active` (在網) and `suspended` (停機).
 */
@Entity('customer_status')
export class CustomerStatusDefinition {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  /** Whether a customer in this status may use services. */
  @Column({ type: 'boolean', default: true })
  serviceAllowed: boolean;

  /** Inactive statuses are kept for history but not offered for new assignments. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn({ default: 1 })
  version: number;
}
