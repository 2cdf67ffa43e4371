import { ParseUUIDPipe } from '@nestjs/common';
import { DomainException, ErrorCode } from '@crm/errors';

/** `:id` path parameters: a UUID, else 400 naming the parameter. */
export const uuidParam = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

export type ExportRow = Record<string, unknown>;
/** Export column readers over raw rows. */
export const val = (key: string) => (r: ExportRow): string | number | null => (r[key] as string | number | null) ?? null;
export const time = (key: string) => (r: ExportRow): string | null => (r[key] ? new Date(r[key] as string).toISOString() : null);
export const list = (key: string) => (r: ExportRow): string => ((r[key] as string[] | null) ?? []).join(', ');
