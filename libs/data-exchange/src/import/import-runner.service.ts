import { Inject, Injectable, Logger } from '@nestjs/common';
import { unlink } from 'node:fs/promises';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ImportJob } from './entities';
import { readImportFile, ReadProgress } from './import-file.util';
import { BatchProgress, ImportJobRepository, RejectionRow } from './import-job.repository';
import { ImportColumn, ImportContext, ImportTarget, WriteResult } from './import-target';
import { ImportTargetRegistry } from './import-target.registry';
import { progressPercent } from './import-progress.util';
import { ImportStatus, MAX_RAW_VALUE_LENGTH, MAX_REASON_LENGTH, MAX_STORED_REJECTIONS } from './import.constants';

/** A problem with the file or its header that no retry can fix: the import fails at once. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** What a job reports after each batch (BullMQ job progress). */
export interface ImportProgress {
  percent: number;
  processed: number;
  inserted: number;
  skipped: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  importId: string;
  status: ImportStatus;
  totalRows: number | null;
}

export interface RunOptions {
  correlationId: string;
  /** Called after each committed batch; failures to report are logged, never fatal. */
  onProgress?: (progress: ImportProgress) => Promise<void>;
  /** Rows per batch; the node's setting by default. */
  batchSize?: number;
  /** Cap of stored rejections (beyond it rejections are only counted); MAX_STORED_REJECTIONS by default. */
  maxStoredRejections?: number;
}

/** A data row waiting for its batch: the raw values by header, and the target's verdict. */
interface PendingRow {
  line: number;
  raw: Record<string, string>;
  parsed?: unknown;
  error?: string;
}

interface HeaderMap {
  /** Key of each cell position in a row (canonical column name, or the header as written); null = ignored. */
  keys: (string | null)[];
  columns: readonly ImportColumn[];
}

const UTF8_REPLACEMENT = '\uFFFD';
const YIELD_EVERY = 200;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const EMPTY_WRITE: WriteResult = { inserted: 0, skipped: 0, rejected: [] };

const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Runs one import: streams the stored file, checks the header against the target's columns, lets
 * the target parse each row and write each batch (one transaction per batch, counts and resume
 * point committed with it), records rejected rows, and reports progress. A retried run skips the
 * lines already committed, so it continues where the last attempt stopped.
 */
@Injectable()
export class ImportRunnerService {
  private readonly logger = new Logger(ImportRunnerService.name);

  constructor(
    private readonly repo: ImportJobRepository,
    private readonly registry: ImportTargetRegistry,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async run(importId: string, options: RunOptions): Promise<ImportSummary> {
    const job = await this.repo.start(importId);
    if (!job) {
      const current = await this.repo.findById(importId);
      if (!current) throw new ImportFileError(`Import ${importId} does not exist`);
      return this.summary(current); // finished already: nothing left to do
    }
    const started = Date.now();
    const target = this.registry.get(job.kind);
    if (!target) throw new ImportFileError(`This node has no importer for kind ${job.kind}`);
    const ctx: ImportContext = { importId, actor: job.createdBy, requestId: job.requestId ?? options.correlationId };
    const batchSize = options.batchSize ?? this.config.imports.batchSize;
    const maxStored = options.maxStoredRejections ?? MAX_STORED_REJECTIONS;
    const totals = { processed: job.processedRows, inserted: job.insertedRows, skipped: job.skippedRows, rejected: job.rejectedRows };
    let stored = job.rejectedRows - job.rejectionsNotStored;
    const progress: ReadProgress = { bytesRead: 0 };

    const commit = async (rows: PendingRow[], lastLine: number, bytes: number): Promise<void> => {
      const valid = rows.filter((r) => r.parsed !== undefined);
      const batch = await this.repo.dataSource.transaction(async (manager) => {
        const written = valid.length ? await target.write(manager, valid.map((r) => r.parsed), ctx) : EMPTY_WRITE;
        checkWriteResult(target, written, valid.length);
        const rejected: RejectionRow[] = [
          ...rows.filter((r) => r.error !== undefined).map((r) => ({ line: r.line, reason: r.error!, rawValues: r.raw })),
          ...written.rejected.map((x) => ({ line: valid[x.index].line, reason: x.reason, rawValues: valid[x.index].raw })),
        ].sort((a, b) => a.line - b.line);
        const keep = rejected.slice(0, Math.max(0, maxStored - stored)).map((r) => ({
          line: r.line,
          reason: truncate(r.reason, MAX_REASON_LENGTH),
          rawValues: storableValues(r.rawValues, target.columns),
        }));
        await this.repo.addRejections(manager, importId, keep);
        const counts: BatchProgress = {
          processed: rows.length,
          inserted: written.inserted,
          skipped: written.skipped,
          rejected: rejected.length,
          notStored: rejected.length - keep.length,
          lastLine,
          bytesProcessed: bytes,
        };
        await this.repo.addBatch(manager, importId, counts);
        return counts;
      });
      stored += batch.rejected - batch.notStored;
      totals.processed += batch.processed;
      totals.inserted += batch.inserted;
      totals.skipped += batch.skipped;
      totals.rejected += batch.rejected;
      if (options.onProgress) {
        const percent = progressPercent({ status: ImportStatus.Running, bytesProcessed: bytes, sizeBytes: job.sizeBytes });
        await options.onProgress({ percent, ...totals }).catch((err: unknown) => this.logger.warn({ importId, err }, 'Could not report import progress'));
      }
    };

    // The next batch is read and parsed while the previous one is being written.
    let inFlight: Promise<void> | undefined;
    let writeError: { err: unknown } | undefined;
    const flush = async (rows: PendingRow[], lastLine: number): Promise<void> => {
      await inFlight;
      if (writeError) throw writeError.err;
      inFlight = commit(rows, lastLine, progress.bytesRead).catch((err: unknown) => {
        writeError = { err };
      });
    };

    const rows = readImportFile(job.storedPath, job.format, progress)[Symbol.asyncIterator]();
    const next = async (): Promise<IteratorResult<{ line: number; values: string[] }>> => {
      try {
        return await rows.next();
      } catch (err) {
        throw new ImportFileError(describeReadError(job, err));
      }
    };
    let totalRows = 0;
    try {
      const first = await next();
      if (first.done) throw new ImportFileError('The file is empty: the first row must name the columns');
      const header = mapHeader(first.value.values, target, first.value.line);
      let batch: PendingRow[] = [];
      let lastLine = first.value.line;
      for (let r = await next(); !r.done; r = await next()) {
        const { line, values } = r.value;
        totalRows += 1;
        lastLine = line;
        if (line <= job.lastLine) continue; // committed by an earlier attempt
        batch.push(this.parseRow(target, header, line, values));
        // rows already buffered arrive as microtasks: let the database's replies (the batch being
        // written) through now and then, so that writing and parsing really overlap
        if (batch.length % YIELD_EVERY === 0) await yieldToEventLoop();
        if (batch.length >= batchSize) {
          await flush(batch, line);
          batch = [];
        }
      }
      if (batch.length) await flush(batch, lastLine);
      await inFlight;
      if (writeError) throw writeError.err;
    } finally {
      await inFlight;
      await rows.return?.(undefined).catch(() => undefined);
    }

    await this.repo.complete(importId, totalRows, job.sizeBytes);
    await this.removeFile(job);
    const done = (await this.repo.findById(importId))!;
    this.logger.log({ importId, kind: job.kind, correlationId: options.correlationId, ms: Date.now() - started, ...totals }, 'Import completed');
    return this.summary(done);
  }

  /** Records a failed attempt: `final` marks the import failed and removes its file; otherwise it will be retried. */
  async recordFailure(importId: string, err: unknown, final: boolean): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    if (!final) {
      await this.repo.noteRetry(importId, `Attempt failed, retrying: ${message}`);
      return;
    }
    await this.repo.fail(importId, message);
    const job = await this.repo.findById(importId);
    if (job) await this.removeFile(job);
    this.logger.warn({ importId, err: message }, 'Import failed');
  }

  private parseRow(target: ImportTarget, header: HeaderMap, line: number, values: string[]): PendingRow {
    const raw: Record<string, string> = {};
    for (const column of header.columns) raw[column.name] = '';
    const { keys } = header;
    let extra = 0;
    let notUtf8 = false;
    let control: string | undefined;
    for (let i = 0; i < values.length; i++) {
      const key = i < keys.length ? keys[i] : undefined;
      const value = values[i];
      if (key) raw[key] = value;
      else if (key === undefined && value.trim() !== '') extra += 1;
      if (value.includes(UTF8_REPLACEMENT)) notUtf8 = true;
      // PostgreSQL cannot store NUL, and no field of ours has other control characters (but tab, CR, LF)
      if (key && control === undefined && /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) control = key;
    }
    if (extra) return { line, raw, error: `The row has ${values.length} values but the header names ${keys.length} columns` };
    if (control) {
      // kept for the rejection report, which cannot store NUL either
      for (const k of Object.keys(raw)) raw[k] = raw[k].replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
      return { line, raw, error: `${control} contains a control character (such as NUL)` };
    }
    if (notUtf8) return { line, raw, error: 'The row contains text that is not UTF-8: save the file as "CSV UTF-8" (or XLSX)' };
    try {
      const result = target.parse(raw);
      return 'row' in result ? { line, raw, parsed: result.row } : { line, raw, error: result.error };
    } catch (err) {
      return { line, raw, error: `The row could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  private summary(job: ImportJob): ImportSummary {
    return {
      importId: job.id,
      status: job.status,
      totalRows: job.totalRows,
      percent: progressPercent(job),
      processed: job.processedRows,
      inserted: job.insertedRows,
      skipped: job.skippedRows,
      rejected: job.rejectedRows,
    };
  }

  private async removeFile(job: ImportJob): Promise<void> {
    await unlink(job.storedPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') this.logger.warn({ importId: job.id, err: err.message }, 'Could not remove the import file');
    });
  }
}

/**
 * Maps header cells to the target's columns (case and surrounding spaces ignored). Unknown
 * columns are kept as written (they appear with rejected rows) but never reach the target's
 * rules; a missing required column or a column named twice fails the import.
 */
export function mapHeader(cells: string[], target: ImportTarget, line = 1): HeaderMap {
  const byName = new Map(target.columns.map((c) => [c.name.toLowerCase(), c.name]));
  const seen = new Set<string>();
  const keys = cells.map((cell) => {
    const text = cell.replace(/^\uFEFF/, '').trim();
    if (!text) return null;
    const key = byName.get(text.toLowerCase()) ?? text;
    if (seen.has(key)) throw new ImportFileError(`Column ${key} appears more than once in the header row`);
    seen.add(key);
    return key;
  });
  const missing = target.columns.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new ImportFileError(
      `Missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header row (line ${line}). ` +
        `A ${target.kind} file has the columns: ${target.columns.map((c) => `${c.name}${c.required ? ' (required)' : ''}`).join(', ')}`,
    );
  }
  return { keys, columns: target.columns };
}

/** Raw values as they may be stored: personal data masked, long values cut. */
function storableValues(raw: Record<string, string>, columns: readonly ImportColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  const masks = new Map(columns.filter((c) => c.mask).map((c) => [c.name, c.mask!]));
  for (const [key, value] of Object.entries(raw)) {
    const mask = masks.get(key);
    out[key] = truncate(mask && value.trim() ? mask(value.trim()) : value, MAX_RAW_VALUE_LENGTH);
  }
  return out;
}

function checkWriteResult(target: ImportTarget, r: WriteResult, rows: number): void {
  const indexes = new Set(r.rejected.map((x) => x.index));
  if (r.inserted + r.skipped + r.rejected.length !== rows || indexes.size !== r.rejected.length || [...indexes].some((i) => !Number.isInteger(i) || i < 0 || i >= rows)) {
    throw new Error(`The ${target.kind} import target accounted for ${r.inserted} + ${r.skipped} + ${r.rejected.length} of ${rows} rows`);
  }
}

function describeReadError(job: ImportJob, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') return 'The uploaded file is no longer on the server; upload it again';
  return job.format === 'csv' ? `The file is not valid CSV: ${message}` : `The file is not a readable XLSX workbook: ${message}`;
}
