import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImportKind } from '../import-target';
import { ImportFormat, ImportStatus } from '../import.constants';

/** bigint columns as numbers: byte counts stay far below 2^53. */
const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One bulk import (導入): the uploaded file, where its job stands, and what it did. Counts and
 * `lastLine` are updated in the transaction of each batch, so a retried job resumes exactly.
 */
@Entity('import_job')
@Check('import_job_kind_check', `kind IN ('customers', 'subscriptions', 'usage')`)
@Check('import_job_format_check', `format IN ('csv', 'xlsx')`)
@Check('import_job_status_check', `status IN ('queued', 'running', 'completed', 'failed')`)
@Index('ix_import_job_created_at', ['createdAt'])
@Index('ix_import_job_unfinished', ['createdAt'], { where: `status IN ('queued', 'running')` })
export class ImportJob {
  /** Also the name of the stored file. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 255 })
  originalFilename: string;

  @Column({ type: 'text' })
  storedPath: string;

  @Column({ type: 'varchar', length: 8 })
  format: ImportFormat;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 12, default: ImportStatus.Queued })
  status: ImportStatus;

  /** Data rows in the file (header excluded); known once the file has been read to the end. */
  @Column({ type: 'integer', nullable: true })
  totalRows: number | null;

  /** Data rows committed: inserted + skipped + rejected. */
  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  @Column({ type: 'integer', default: 0 })
  insertedRows: number;

  /** Rows already present (same external id): re-importing a file skips every row. */
  @Column({ type: 'integer', default: 0 })
  skippedRows: number;

  @Column({ type: 'integer', default: 0 })
  rejectedRows: number;

  /** Rejected rows counted but not stored, beyond the cap of stored rejections. */
  @Column({ type: 'integer', default: 0 })
  rejectionsNotStored: number;

  /** Last line of the file whose batch is committed: a retried job continues after it. */
  @Column({ type: 'integer', default: 0 })
  lastLine: number;

  /** Bytes of the file read when the last batch committed (progress). */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  bytesProcessed: number;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Username of who started the import. */
  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
