import { registerDecorator, ValidationOptions } from 'class-validator';

const DATE_TIME = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d))?$/;

/**
 * A calendar date (`2026-12-01`, read in the node's time zone) or a date-time WITH its offset
 * (`2026-12-01T08:00:00+08:00`, `…Z`). Week dates, ordinal dates and offset-less times are refused:
 * their meaning would depend on the server.
 */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD or a date-time with offset, e.g. 2026-12-01T08:00:00+08:00`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !DATE_TIME.test(value)) return false;
          const day = value.slice(0, 10);
          const d = new Date(`${day}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
        },
      },
    });
}
