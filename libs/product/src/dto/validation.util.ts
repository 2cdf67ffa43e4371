import { ValidateIf } from 'class-validator';
import { DomainException, ErrorCode } from '@crm/errors';

/**
 * Optional, but not nullable: the field's validators run on anything except `undefined`, so
 * `null` is refused with the field's own message (`@IsOptional()` would let `null` through).
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/**
 * For PATCH bodies built with PartialType (which marks every field `@IsOptional()`): 400 naming
 * each field sent as `null` that cannot be cleared.
 */
export function refuseNulls<T extends object>(dto: T, fields: readonly (keyof T & string)[]): void {
  const nulls = fields.filter((f) => (dto as Record<string, unknown>)[f] === null);
  if (nulls.length) {
    throw new DomainException(ErrorCode.ValidationFailed, 'Request validation failed', nulls.map((field) => ({ field, problem: `${field} cannot be null` })));
  }
}
