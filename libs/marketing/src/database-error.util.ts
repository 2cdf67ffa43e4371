import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorCode } from '@crm/errors';

/**
 * Bad input only the database sees becomes a 4xx: a reference to nothing (23503) → 400 naming the
 * field from `references` (constraint → field); a duplicate (23505) → 409. Anything else unchanged.
 */
export function translateWriteError(err: unknown, references: Record<string, string>, label: string): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const pg = err.driverError as { code?: string; constraint?: string };
  if (pg.code === '23503') {
    const field = references[pg.constraint ?? ''] ?? 'reference';
    return new DomainException(ErrorCode.ValidationFailed, `${field} refers to nothing that exists`, [{ field, problem: 'unknown reference' }]);
  }
  if (pg.code === '23505') return DomainException.conflict(`${label} conflicts with an existing one`);
  return err;
}

export const staleVersion = (what: string, current: number, given: number): DomainException =>
  DomainException.conflict(`The ${what} was changed meanwhile (version ${current}, not ${given}); read it again`, [{ field: 'version', problem: `current version is ${current}` }]);

export const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());
