import type { Response } from 'express';
import { RequestActor } from '@crm/auth';
import { ExportFormat, streamExport, streamRawRows } from '@crm/data-exchange';
import { SalesCrudService } from './sales-crud.service';
import { Qb, Row } from './sales-record.repository';

export interface SalesExportColumn { header: string; value: (r: Row) => string | number | null; width?: number }

/** Audits the export (format and filters) and streams the rows of `qb` as CSV, XLSX or printable HTML. */
export async function exportSales(
  res: Response,
  crud: SalesCrudService,
  actor: RequestActor,
  q: { format: ExportFormat } & Record<string, unknown>,
  what: { entityType: string; title: string; filename: string; query: Qb; columns: SalesExportColumn[] },
): Promise<void> {
  const { format, ...filters } = q;
  await crud.record(undefined, actor, { action: 'export', entityType: what.entityType, newValues: { format, filters } });
  await streamExport<Row>(res, { format, title: what.title, filename: what.filename, rows: streamRawRows(what.query), columns: what.columns });
}
