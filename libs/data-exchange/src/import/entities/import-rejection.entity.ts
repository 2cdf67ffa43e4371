import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportJob } from './import-job.entity';

/** A row of an import file that was not written, with why; personal data in `rawValues` is masked. */
@Entity('import_rejection')
export class ImportRejection {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @ManyToOne(() => ImportJob, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_rejection_import' })
  importJob?: ImportJob;

  /** Line number in the file (the header is line 1; for XLSX the sheet's row number). */
  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** The row as read, header → text. */
  @Column({ type: 'jsonb' })
  rawValues: Record<string, string>;
}
