import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code.constants';

/**
 * PATCH bodies are partial: `IsOptional` lets `null` through, which for a required column means
 * "remove a value that must exist". Call with the fields that cannot be cleared.
 */
export function rejectNulls<T extends object>(dto: T, fields: readonly (keyof T & string)[]): void {
  const nulls = fields.filter((f) => (dto as Record<string, unknown>)[f] === null);
  if (nulls.length) {
    throw new DomainException(
      ErrorCode.ValidationFailed,
      'Request validation failed',
      nulls.map((field) => ({ field, problem: `${field} cannot be null` })),
    );
  }
}
