import { Matches } from 'class-validator';

/** A date-time with its offset (`2026-12-01T08:00:00+08:00`, `…Z`): never server-dependent. */
export const DATE_TIME_WITH_OFFSET = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

export const IsDateTimeWithOffset = (field: string): PropertyDecorator =>
  Matches(DATE_TIME_WITH_OFFSET, { message: `${field} must be a date-time with offset, e.g. 2026-12-01T08:00:00+08:00` });

export const DISTRICT_CODE = /^\d{6}$/;
