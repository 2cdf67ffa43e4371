import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `format` of an export (導出 / 打印): CSV, Excel, or a printable HTML page. */
export class ExportFormatDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv and xlsx download; html is a printable page (打印)' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

export interface ExportColumn<T> {
  /**
   * Header: Chinese and English, e.g. `客戶名稱 Name`. An array gives one XLSX header row per
   * entry (e.g. `['客戶名稱', 'Name']`); CSV and HTML join the entries with a space.
   */
  header: string | string[];
  value: (row: T) => string | number | boolean | Date | null | undefined;
  /** Column width in characters (XLSX). */
  width?: number;
  /** XLSX number format of the column's cells, e.g. `#,##0.00` or `0.00%`. */
  numFmt?: string;
}

/** A small extra XLSX sheet written after the data (e.g. an "about" sheet): rows of cells. */
export interface ExportSheet {
  name: string;
  rows: (string | number | Date | null)[][];
  /** Column widths in characters. */
  widths?: number[];
}
