import { Type } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { RequestActor } from '@crm/auth';
import type { ExportSpec, Versioned, VersionedChange, Viewer } from '@crm/base-config';
import { Page } from '@crm/platform';

/** The shapes shared with base-config's reference data. */
export type { ExportSpec, Versioned, VersionedChange, Viewer };

/** What every list query has (page, page size, the `q` search and a sort key, `-` for descending). */
export interface ResourceListQuery {
  page: number;
  pageSize: number;
  q?: string;
  sort: string;
}

/** A list query without pagination: the filters of an export. */
export type ResourceFilter<Q extends ResourceListQuery> = Omit<Q, 'page' | 'pageSize'>;

/** What filters may need besides the query: the node's time zone ("today", "currently valid"). */
export interface FilterContext {
  timezone: string;
}


/** Everything the generic CRUD needs to know about one resource: table, key, filters, answers, rules. */
export interface ResourceDefinition<E extends Versioned, R, Q extends ResourceListQuery> {
  target: Type<E>;
  alias: string;
  /** Entity type in the audit log. */
  entityType: string;
  /** Name in messages, e.g. `Partner`. */
  label: string;
  key: keyof E & string;
  /** Many-to-one relations read with each row. */
  joins?: { relation: string; alias: string }[];
  /** Column expressions (qualified) the `q` filter matches, case-insensitively, as substrings. */
  searchColumns: string[];
  /** Sort key (without the `-`) → qualified column used in ORDER BY. */
  sorts: Record<string, string>;
  filter?(qb: SelectQueryBuilder<E>, q: ResourceFilter<Q>, ctx: FilterContext): void;
  /** Foreign key constraint → the field a 400 names when it points nowhere. */
  references?: Record<string, string>;
  /** Unique index → message of the 409. */
  uniques?: Record<string, string>;
  toResponse(row: E, viewer: Viewer): R;
  /** Values the audit log keeps for a row (personal data masked); every column by default. */
  auditValues?(row: E): Record<string, unknown>;
  /** Rules checked inside the write transaction, before the row is written. */
  validate?(manager: EntityManager, row: E, existing: boolean): Promise<void>;
  /** Rows hold personal data: unmasked reads and exports are audited. */
  personalData?: boolean;
  /** Property set to the actor's username on create, if the table records it. */
  createdByField?: keyof E & string;
  export: ExportSpec<R>;
}

/** What the controller factory calls; OperationsResourceService implements it. */
export interface ResourceOperations<R, C, U, Q extends ResourceListQuery> {
  readonly exportSpec: ExportSpec<R>;
  create(dto: C, actor: RequestActor): Promise<R>;
  createMany(dtos: C[], actor: RequestActor): Promise<R[]>;
  list(q: Q, actor: RequestActor): Promise<Page<R>>;
  exportRows(q: ResourceFilter<Q>, actor: RequestActor): Promise<AsyncIterable<R>>;
  get(key: string, actor: RequestActor): Promise<R>;
  update(key: string, dto: U, actor: RequestActor): Promise<R>;
  remove(key: string, actor: RequestActor): Promise<void>;
}
