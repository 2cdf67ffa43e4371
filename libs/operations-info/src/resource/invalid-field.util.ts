import { DomainException, ErrorCode } from '@crm/errors';

/** A field that is invalid given the others (e.g. an end before its start): 400 naming it. */
export const invalidField = (field: string, problem: string): DomainException =>
  new DomainException(ErrorCode.ValidationFailed, `${field} ${problem}`, [{ field, problem }]);

/** Refuses an end date before its start date (both `YYYY-MM-DD`, either may be null). */
export function checkPeriod(fromField: string, from: string | null | undefined, toField: string, to: string | null | undefined): void {
  if (from && to && to < from) throw invalidField(toField, `must not be before ${fromField}`);
}
