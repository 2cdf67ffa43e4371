import { isWithinDivision, tierOfDivisionCode } from '@crm/config';

/**
 * Whether `code` (a province or city) is meant by a directive's scope: no scope means every node
 * below the issuer; a province in the scope covers its cities; a city in the scope makes its
 * province relay the directive to it.
 */
export function inScope(scope: readonly string[] | null | undefined, code: string): boolean {
  if (!scope) return true;
  return scope.some((s) => s === code || isWithinDivision(code, s) || (tierOfDivisionCode(code) === 'province' && isWithinDivision(s, code)));
}
