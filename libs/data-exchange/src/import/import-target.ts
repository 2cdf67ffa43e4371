import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a bulk import can load (導入). A domain adds a kind by providing an ImportTarget. */
export type ImportKind = 'customers' | 'subscriptions' | 'usage';

export interface ImportColumn {
  /** Header in the file (English, camelCase), e.g. `externalId`. */
  name: string;
  required: boolean;
  description: string;
  /**
   * Personal data (phone or ID numbers): how to mask a raw value before it is stored with a
   * rejected row. Rejections never keep such values in clear.
   */
  mask?: (value: string) => string;
}

export interface ImportContext {
  importId: string;
  /** Username of who started the import (audit). */
  actor: string;
  requestId: string;
}

export type ParsedRow<Row> = { row: Row } | { error: string };

export interface WriteResult {
  /** Rows that changed the database. */
  inserted: number;
  /** Rows already present (same external id): re-importing a file changes nothing. */
  skipped: number;
  /** Rows refused at write time (e.g. an unknown customer), by index in the batch given. */
  rejected: { index: number; reason: string }[];
}

/**
 * One kind of import, owned by its domain: checks and normalises a row (header → text), and
 * writes a batch of valid rows idempotently, keyed by external ids, inside the given transaction.
 * The import job (streaming parse, batching, progress, rejections) is generic.
 */
export interface ImportTarget<Row = unknown> {
  readonly kind: ImportKind;
  readonly columns: readonly ImportColumn[];
  parse(raw: Readonly<Record<string, string>>): ParsedRow<Row>;
  write(manager: EntityManager, rows: Row[], ctx: ImportContext): Promise<WriteResult>;
}

export const IMPORT_TARGET = 'crm:data-exchange:import-target';

/** Marks a provider as an ImportTarget; the import service discovers it. */
export const ProvidesImportTarget = (): ClassDecorator => SetMetadata(IMPORT_TARGET, true);
