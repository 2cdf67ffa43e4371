import type { Response } from 'express';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { ExportColumn, ExportFormat, streamExport, streamRawRows } from '@crm/data-exchange';

export type Row = Record<string, unknown>;

/** Integer columns (bigint arrives as text from pg) as numbers in CSV / XLSX / HTML. */
export const num = (key: string) => (r: Row): number | null => (r[key] === null || r[key] === undefined ? null : Number(r[key]));
export const val = (key: string) => (r: Row): string | number | boolean | Date | null => (r[key] as string | number | boolean | Date | null) ?? null;

/**
 * Streams a filtered query as CSV, XLSX or a printable HTML page (導出 / 打印), after recording the
 * export (who, what, which filters) in the audit log.
 */
export async function exportRows<T extends ObjectLiteral>(
  res: Response,
  audit: AuditService,
  actor: RequestActor,
  req: { entityType: string; format: ExportFormat; title: string; filename: string; filters: object; columns: ExportColumn<Row>[]; query: SelectQueryBuilder<T> },
): Promise<void> {
  const { format: _format, ...filters } = req.filters as Record<string, unknown>;
  await audit.record(undefined, actor, { action: 'export', entityType: req.entityType, newValues: { format: req.format, filters } });
  await streamExport<Row>(res, { format: req.format, title: req.title, filename: req.filename, columns: req.columns, rows: streamRawRows<T, Row>(req.query) });
}
