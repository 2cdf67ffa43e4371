import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_FORMATS, IMPORT_KINDS, ImportStatus } from '../import.constants';

/** An import and where it stands. */
export class ImportJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty({ example: '客戶資料-2026-12.xlsx' }) originalFilename: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ enum: ImportStatus }) status: ImportStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Share of the file processed (100 once completed)' }) progressPercent: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Data rows in the file; known once it has been read to the end' }) totalRows: number | null;
  @ApiProperty({ type: 'integer', description: 'Rows done: inserted + skipped + rejected' }) processedRows: number;
  @ApiProperty({ type: 'integer' }) insertedRows: number;
  @ApiProperty({ type: 'integer', description: 'Rows already present (same external id)' }) skippedRows: number;
  @ApiProperty({ type: 'integer' }) rejectedRows: number;
  @ApiProperty({ type: 'integer', description: 'Rejected rows beyond the stored maximum (counted only)' }) rejectionsNotStored: number;
  @ApiPropertyOptional({ nullable: true, description: 'Why the import failed (or why the last attempt did)' }) error: string | null;
  @ApiProperty({ description: 'Username of who started it' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) finishedAt: string | null;
}

export class ImportJobPageDto {
  @ApiProperty({ type: [ImportJobDto] }) items: ImportJobDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

/** A rejected row: its line in the file, why, and its values (personal data masked). */
export class ImportRejectionDto {
  @ApiProperty({ type: 'integer', description: 'Line in the file; the header is line 1 (XLSX: the row number)' }) line: number;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) values: Record<string, string>;
}

export class ImportRejectionPageDto {
  @ApiProperty({ type: [ImportRejectionDto] }) items: ImportRejectionDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
