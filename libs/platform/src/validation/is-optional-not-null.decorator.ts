import { ValidateIf } from 'class-validator';

/**
 * Optional, but not nullable: the field's validators run on anything except `undefined`, so
 * `null` is refused with the field's own message (`@IsOptional()` would let `null` through).
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
