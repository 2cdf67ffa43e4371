import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { ImportJob, ImportRejection } from './entities';
import { ImportStatus } from './import.constants';

export interface ImportJobFilter {
  kind?: string;
  status?: string;
  page: number;
  pageSize: number;
}

/** What one committed batch adds to an import's counts. */
export interface BatchProgress {
  processed: number;
  inserted: number;
  skipped: number;
  rejected: number;
  notStored: number;
  lastLine: number;
  bytesProcessed: number;
}

export interface RejectionRow {
  line: number;
  reason: string;
  rawValues: Record<string, string>;
}

/** All I/O of bulk imports: the import_job rows and their rejections. */
@Injectable()
export class ImportJobRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    @InjectRepository(ImportJob) private readonly jobs: Repository<ImportJob>,
    @InjectRepository(ImportRejection) private readonly rejections: Repository<ImportRejection>,
  ) {}

  async insert(manager: EntityManager, job: Pick<ImportJob, 'id' | 'kind' | 'originalFilename' | 'storedPath' | 'format' | 'sizeBytes' | 'createdBy' | 'requestId'>): Promise<ImportJob> {
    await manager.insert(ImportJob, job);
    return manager.findOneByOrFail(ImportJob, { id: job.id });
  }

  findById(id: string): Promise<ImportJob | null> {
    return this.jobs.findOneBy({ id });
  }

  list(f: ImportJobFilter): Promise<[ImportJob[], number]> {
    const qb = this.jobs.createQueryBuilder('j');
    if (f.kind) qb.andWhere('j.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('j.status = :status', { status: f.status });
    return qb
      .orderBy('j.created_at', 'DESC')
      .addOrderBy('j.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
  }

  /** Imports that should have a live job (queued or running), oldest first. */
  findUnfinished(limit: number): Promise<ImportJob[]> {
    return this.jobs.find({ where: { status: In([ImportStatus.Queued, ImportStatus.Running]) }, order: { createdAt: 'ASC' }, take: limit });
  }

  /** Marks an attempt as started; returns the row, or null when it is finished already. */
  async start(id: string): Promise<ImportJob | null> {
    const rows: unknown[] = await this.jobs.query(
      `WITH started AS (
         UPDATE import_job SET status = $2, attempts = attempts + 1, started_at = coalesce(started_at, now()), error = NULL
         WHERE id = $1 AND status IN ($2, $3) RETURNING id)
       SELECT id FROM started`,
      [id, ImportStatus.Running, ImportStatus.Queued],
    );
    return rows.length ? this.findById(id) : null;
  }

  /** Adds a batch's counts and moves the resume point, inside the batch's transaction. */
  async addBatch(manager: EntityManager, id: string, p: BatchProgress): Promise<void> {
    await manager.query(
      `UPDATE import_job SET processed_rows = processed_rows + $2, inserted_rows = inserted_rows + $3, skipped_rows = skipped_rows + $4,
         rejected_rows = rejected_rows + $5, rejections_not_stored = rejections_not_stored + $6, last_line = $7, bytes_processed = $8
       WHERE id = $1`,
      [id, p.processed, p.inserted, p.skipped, p.rejected, p.notStored, p.lastLine, p.bytesProcessed],
    );
  }

  async addRejections(manager: EntityManager, importId: string, rows: RejectionRow[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO import_rejection (import_id, line, reason, raw_values)
       SELECT $1, r.line, r.reason, r.raw_values FROM jsonb_to_recordset($2::jsonb) AS r(line integer, reason varchar, raw_values jsonb)
       ON CONFLICT (import_id, line) DO NOTHING`,
      [importId, JSON.stringify(rows.map((r) => ({ line: r.line, reason: r.reason, raw_values: r.rawValues })))],
    );
  }

  async complete(id: string, totalRows: number, bytes: number): Promise<void> {
    await this.jobs.update({ id }, { status: ImportStatus.Completed, totalRows, bytesProcessed: bytes, finishedAt: () => 'now()', error: null });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.jobs.update({ id }, { status: ImportStatus.Failed, error, finishedAt: () => 'now()' });
  }

  /** A failed attempt that will be retried: the import stays running, with the reason. */
  async noteRetry(id: string, error: string): Promise<void> {
    await this.jobs.update({ id, status: ImportStatus.Running }, { error });
  }

  listRejections(importId: string, page: number, pageSize: number): Promise<[ImportRejection[], number]> {
    return this.rejections.findAndCount({ where: { importId }, order: { line: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  /** Every stored rejection of an import in line order, for a streamed export. */
  rejectionsQuery(importId: string): SelectQueryBuilder<ImportRejection> {
    return this.rejections
      .createQueryBuilder('r')
      .select(['r.line AS line', 'r.reason AS reason', 'r.raw_values AS raw_values'])
      .where('r.import_id = :importId', { importId })
      .orderBy('r.line', 'ASC');
  }
}
