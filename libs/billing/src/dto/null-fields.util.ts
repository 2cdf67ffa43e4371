import { DomainException, ErrorCode } from '@crm/errors';

/** `@IsOptional()` lets `null` through; for fields that cannot be cleared that is a 400 naming them. */
export function refuseNulls<T extends object>(dto: T, fields: readonly (keyof T & string)[]): void {
  const nulls = fields.filter((f) => (dto as Record<string, unknown>)[f] === null);
  if (nulls.length) throw new DomainException(ErrorCode.ValidationFailed, 'Request validation failed', nulls.map((field) => ({ field, problem: `${field} cannot be null` })));
}
