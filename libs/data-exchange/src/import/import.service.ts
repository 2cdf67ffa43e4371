import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { open, unlink } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { ExportColumn, ExportFormat, streamExport, streamRawRows } from '@crm/export';
import { ImportJobDto, ImportJobPageDto, ImportRejectionPageDto } from './dto/import-job.dto';
import { ListImportsDto } from './dto/list-imports.dto';
import { ImportJob, ImportRejection } from './entities';
import { ImportJobRepository } from './import-job.repository';
import { ImportQueueService } from './import-queue.service';
import { progressPercent } from './import-progress.util';
import { ImportKind, ImportTarget } from './import-target';
import { ImportTargetRegistry } from './import-target.registry';
import { IMPORT_FORMATS, ImportFormat } from './import.constants';

/** The uploaded file as multer stored it (streamed to disk under the import folder). */
export interface StoredUpload {
  originalname: string;
  path: string;
  size: number;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Extension → format, or undefined when the extension is not accepted. */
export function importFormatOf(filename: string): ImportFormat | undefined {
  const ext = extname(filename).slice(1).toLowerCase();
  return (IMPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ImportFormat) : undefined;
}

/** The import id is the stored file's name (see the upload storage). */
const importIdOf = (storedPath: string): string => basename(storedPath, extname(storedPath));

interface RejectionExportRow {
  line: number;
  reason: string;
  raw_values: Record<string, string>;
}

/**
 * Bulk imports (導入), API side: accepts an uploaded file for a kind, records the import and
 * queues its job; answers where imports stand, their rejected rows, and file templates.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly repo: ImportJobRepository,
    private readonly registry: ImportTargetRegistry,
    private readonly queue: ImportQueueService,
    private readonly audit: AuditService,
  ) {}

  async start(file: StoredUpload | undefined, kind: ImportKind, actor: RequestActor): Promise<ImportJobDto> {
    if (!file) throw new DomainException(ErrorCode.ValidationFailed, 'A file is required (multipart field "file")', [{ field: 'file', problem: 'required' }]);
    this.requireTarget(kind);
    const format = importFormatOf(file.originalname);
    if (!format) throw unsupportedFile(file.originalname);
    if (file.size === 0) throw new DomainException(ErrorCode.ValidationFailed, 'The file is empty', [{ field: 'file', problem: 'empty' }]);
    const isZip = (await firstBytes(file.path, 4)).equals(ZIP_MAGIC);
    if (format === 'xlsx' && !isZip) throw new DomainException(ErrorCode.ValidationFailed, 'The file is not an XLSX workbook', [{ field: 'file', problem: 'not XLSX' }]);
    if (format === 'csv' && isZip) throw new DomainException(ErrorCode.ValidationFailed, 'The file is a workbook, not CSV: name it .xlsx', [{ field: 'file', problem: 'not CSV' }]);

    const id = importIdOf(file.path);
    const job = await this.repo.dataSource.transaction(async (manager) => {
      const created = await this.repo.insert(manager, {
        id,
        kind,
        originalFilename: file.originalname.slice(0, 255),
        storedPath: file.path,
        format,
        sizeBytes: file.size,
        createdBy: actor.username,
        requestId: actor.requestId || null,
      });
      await this.audit.record(manager, actor, { action: 'import', entityType: 'import_job', entityId: id, newValues: { kind, originalFilename: created.originalFilename, format, sizeBytes: file.size } });
      return created;
    });
    try {
      await this.queue.enqueue(id, actor.requestId || id);
    } catch (err) {
      this.logger.error({ importId: id, err: (err as Error).message }, 'Could not queue an import');
      await this.repo.fail(id, 'The import could not be queued (job queue unavailable); upload the file again');
      await unlink(file.path).catch(() => undefined);
      throw new DomainException(ErrorCode.ServiceUnavailable, 'The job queue is unavailable; try again later');
    }
    return toDto(job);
  }

  async list(q: ListImportsDto): Promise<ImportJobPageDto> {
    const [rows, total] = await this.repo.list(q);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<ImportJobDto> {
    return toDto(await this.require(id));
  }

  async rejections(id: string, page: number, pageSize: number): Promise<ImportRejectionPageDto> {
    await this.require(id);
    const [rows, total] = await this.repo.listRejections(id, page, pageSize);
    return { items: rows.map((r) => ({ line: r.line, reason: r.reason, values: r.rawValues })), total, page, pageSize };
  }

  /** Streams the rejected rows: line, reason, then the file's columns (personal data masked). */
  async exportRejections(id: string, format: ExportFormat, res: Response): Promise<void> {
    const job = await this.require(id);
    const target = this.registry.get(job.kind);
    const valueColumns: ExportColumn<RejectionExportRow>[] = target
      ? target.columns.map((c) => ({ header: c.name, value: (r) => r.raw_values?.[c.name] ?? '' }))
      : [{ header: '內容 Values', value: (r) => JSON.stringify(r.raw_values), width: 80 }];
    await streamExport<RejectionExportRow>(res, {
      format,
      title: '導入拒絕行 Rejected rows',
      filename: `import-${id}-rejections`,
      columns: [{ header: '行號 Line', value: (r) => r.line, width: 10 }, { header: '原因 Reason', value: (r) => r.reason, width: 60 }, ...valueColumns],
      rows: streamRawRows<ImportRejection, RejectionExportRow>(this.repo.rejectionsQuery(id)),
    });
  }

  /** A CSV file with the header row of a kind's columns (UTF-8 with BOM, so Excel keeps Chinese). */
  template(kind: ImportKind): { filename: string; content: string } {
    const target = this.requireTarget(kind);
    return { filename: `${kind}-template.csv`, content: `\uFEFF${target.columns.map((c) => c.name).join(',')}\r\n` };
  }

  private requireTarget(kind: ImportKind): ImportTarget {
    const target = this.registry.get(kind);
    if (!target) {
      throw new DomainException(ErrorCode.ValidationFailed, `This node cannot import ${kind} (it can import: ${this.registry.kinds().join(', ') || 'nothing'})`, [
        { field: 'kind', problem: 'no importer on this node' },
      ]);
    }
    return target;
  }

  private async require(id: string): Promise<ImportJob> {
    const job = await this.repo.findById(id);
    if (!job) throw DomainException.notFound('Import', id);
    return job;
  }
}

export function unsupportedFile(filename: string): DomainException {
  return new DomainException(ErrorCode.ValidationFailed, `Unsupported file type ${extname(filename) || '(no extension)'}: upload a .csv or .xlsx file`, [
    { field: 'file', problem: 'must be .csv or .xlsx' },
  ]);
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function toDto(j: ImportJob): ImportJobDto {
  return {
    id: j.id,
    kind: j.kind,
    originalFilename: j.originalFilename,
    format: j.format,
    sizeBytes: j.sizeBytes,
    status: j.status,
    progressPercent: progressPercent(j),
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    insertedRows: j.insertedRows,
    skippedRows: j.skippedRows,
    rejectedRows: j.rejectedRows,
    rejectionsNotStored: j.rejectionsNotStored,
    error: j.error,
    createdBy: j.createdBy,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
