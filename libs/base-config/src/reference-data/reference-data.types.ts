import { Type } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RequestActor } from '@crm/auth';
import { ExportColumn } from '@crm/data-exchange';
import { Page } from '@crm/platform';

/** Who reads: decides whether personal data is answered masked (RequestActor is one). */
export interface Viewer {
  personalData: boolean;
}

/** A row with an optimistic-lock version (@VersionColumn). */
export interface Versioned extends ObjectLiteral {
  version: number;
}

/** The body of every PATCH: the changes and the version they were made against. */
export interface VersionedChange {
  version: number;
}

/** What every list query has (PageQueryDto, the `q` prefix and a sort key, `-` for descending). */
export interface ReferenceListQuery {
  page: number;
  pageSize: number;
  q?: string;
  sort: string;
}

/** A list query without pagination: the filters of an export. */
export type ReferenceFilter<Q extends ReferenceListQuery> = Omit<Q, 'page' | 'pageSize'>;

export interface ExportSpec<R> {
  /** Sheet / page title, e.g. `營業廳 Business halls`. */
  title: string;
  /** File name without extension (ASCII). */
  filename: string;
  columns: ExportColumn<R>[];
}

/**
 * Everything the generic CRUD (ReferenceDataRepository, ReferenceDataService, the controller
 * factory) needs to know about one resource: its table, key, filters, answers and rules.
 */
export interface ResourceDefinition<E extends Versioned, R, Q extends ReferenceListQuery> {
  target: Type<E>;
  /** Alias of the resource's table in queries. */
  alias: string;
  /** Entity type in the audit log, e.g. `business_hall`. */
  entityType: string;
  /** Name in messages, e.g. `Business hall`. */
  label: string;
  /** Primary key property (a single column). */
  key: keyof E & string;
  /** Many-to-one relations read with each row (e.g. to answer the names of referenced rows). */
  joins?: { relation: keyof E & string; alias: string }[];
  /** Database columns the `q` filter matches by prefix. */
  searchColumns: string[];
  /** Sort key (without the `-`) → property path used in ORDER BY. */
  sorts: Record<string, string>;
  /** The resource's own filters (equality on codes, flags…), shared by list and export. */
  filter?(qb: SelectQueryBuilder<E>, q: ReferenceFilter<Q>): void;
  /** Foreign key constraint of this table → the field a 400 names when it points nowhere. */
  references?: Record<string, string>;
  /** Unique index → message of the 409 (the primary key has a default message). */
  uniques?: Record<string, string>;
  toResponse(row: E, viewer: Viewer): R;
  /** Values the audit log keeps for a row (personal data masked); every column by default. */
  auditValues?(row: E): Record<string, unknown>;
  /** Rules checked inside the write transaction, before the row is written (e.g. no cycles). */
  validate?(manager: EntityManager, row: E): Promise<void>;
  /** Throws to refuse a delete for a reason foreign keys do not express. */
  assertDeletable?(row: E): void;
  /** Rows hold personal data: unmasked reads and exports are audited. */
  personalData?: boolean;
  export: ExportSpec<R>;
}

/** What the controller factory calls; ReferenceDataService implements it. */
export interface ReferenceOperations<R, C, U, Q extends ReferenceListQuery> {
  readonly exportSpec: ExportSpec<R>;
  create(dto: C, actor: RequestActor): Promise<R>;
  list(q: Q, actor: RequestActor): Promise<Page<R>>;
  exportRows(q: ReferenceFilter<Q>, actor: RequestActor): Promise<AsyncIterable<R>>;
  get(key: string, actor: RequestActor): Promise<R>;
  update(key: string, dto: U, actor: RequestActor): Promise<R>;
  remove(key: string, actor: RequestActor): Promise<void>;
}
