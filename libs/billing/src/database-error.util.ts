import { QueryFailedError } from 'typeorm';
import { DomainException } from '@crm/errors';

interface PgError {
  code?: string;
  constraint?: string;
}

export const pgErrorOf = (err: unknown): PgError | undefined => (err instanceof QueryFailedError ? (err.driverError as PgError) : undefined);

/**
 * Maps a unique violation (23505) to 409 and a foreign-key violation (23503) to 400 naming the
 * field, by constraint name; anything else is rethrown as it is.
 */
export function translateDatabaseError(err: unknown, unique: Record<string, string>, foreignKeys: Record<string, string> = {}): unknown {
  const pg = pgErrorOf(err);
  // on a partitioned table the violated index is the partition's, so '*' gives the message for any name
  if (pg?.code === '23505') return DomainException.conflict(unique[pg.constraint ?? ''] ?? unique['*'] ?? 'The record conflicts with an existing one');
  if (pg?.code === '23503' && pg.constraint && foreignKeys[pg.constraint]) {
    const field = foreignKeys[pg.constraint];
    return DomainException.badRequest(`${field} does not refer to an existing record`, [{ field, problem: 'unknown reference' }]);
  }
  return err;
}

/** Escapes LIKE wildcards of user input used as a prefix. */
export const likePrefix = (q: string): string => `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
