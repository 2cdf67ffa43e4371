import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorCode } from '@crm/errors';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

const pgError = (err: unknown): PgError | undefined => (err instanceof QueryFailedError ? (err.driverError as PgError) : undefined);

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export interface WriteErrorContext {
  /** `Business hall`, for messages. */
  label: string;
  key: string;
  /** Foreign key constraint → field it names. */
  references?: Record<string, string>;
  /** Unique index → message. */
  uniques?: Record<string, string>;
}

/**
 * Bad input that only the database can see becomes a 4xx: a duplicate key or unique value → 409,
 * a reference to a row that does not exist → 400 naming the field, a value out of range or
 * breaking a check → 400. Anything else is returned unchanged (a real 500).
 */
export function translateWriteError(err: unknown, ctx: WriteErrorContext): unknown {
  const pg = pgError(err);
  switch (pg?.code) {
    case '23505':
      if (pg.constraint?.endsWith('_pkey')) return DomainException.conflict(`${ctx.label} ${ctx.key} already exists`);
      return DomainException.conflict(ctx.uniques?.[pg.constraint ?? ''] ?? `${ctx.label} conflicts with an existing one`);
    case '23503': {
      const field = ctx.references?.[pg.constraint ?? ''] ?? 'reference';
      return new DomainException(ErrorCode.ValidationFailed, `${field} refers to nothing that exists`, [{ field, problem: 'unknown reference' }]);
    }
    case '23502': {
      const field = camel(pg.column ?? 'value');
      return new DomainException(ErrorCode.ValidationFailed, `${field} is required`, [{ field, problem: 'must not be null' }]);
    }
    case '23514':
      return DomainException.badRequest(`${ctx.label} breaks the rule ${pg.constraint ?? ''}`.trim());
    case '22001':
    case '22003':
      return DomainException.badRequest(`A value is out of range for ${ctx.label.toLowerCase()}`);
    default:
      return err;
  }
}

/** A delete refused by a foreign key: the row is still used elsewhere → 409 naming the user. */
export function translateDeleteError(err: unknown, ctx: { label: string; key: string }): unknown {
  const pg = pgError(err);
  if (pg?.code === '23503') {
    return DomainException.conflict(`${ctx.label} ${ctx.key} is still referenced by ${pg.table ?? 'other records'}`, [
      { field: pg.table ?? 'reference', problem: `still references ${ctx.key} (${pg.constraint ?? 'foreign key'})` },
    ]);
  }
  return err;
}

/**
 * The narrower translation some libraries use: a reference to nothing (23503) → 400 naming the
 * field from `references` (constraint → field); a duplicate (23505) → 409. Anything else unchanged.
 */
export function translateReferenceError(err: unknown, references: Record<string, string>, label: string): unknown {
  const pg = pgError(err);
  if (pg?.code === '23503') {
    const field = references[pg.constraint ?? ''] ?? 'reference';
    return new DomainException(ErrorCode.ValidationFailed, `${field} refers to nothing that exists`, [{ field, problem: 'unknown reference' }]);
  }
  if (pg?.code === '23505') return DomainException.conflict(`${label} conflicts with an existing one`);
  return err;
}
