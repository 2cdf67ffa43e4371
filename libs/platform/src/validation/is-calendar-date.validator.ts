import { registerDecorator, ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD` that exists in the calendar (no 1990-02-30), years 1900–2199. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
      },
    });
}
