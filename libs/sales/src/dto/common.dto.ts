import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '@crm/platform';

/** A date-time with its offset (`2026-12-01T08:00:00+08:00`, `…Z`). */
export const DATE_TIME_WITH_OFFSET = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
export const IsDateTimeWithOffset = (field: string): PropertyDecorator =>
  Matches(DATE_TIME_WITH_OFFSET, { message: `${field} must be a date-time with offset, e.g. 2026-12-01T08:00:00+08:00` });

/** `YYYY-MM` */
export const MONTH = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
export const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/;
export const PRODUCT_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const MAX_FEN = 1_000_000_000_000;

/** A required amount in fen (integer ≥ 0). */
export const Fen = (description = 'fen'): PropertyDecorator => applyDecorators(ApiProperty({ type: 'integer', minimum: 0, description }), IsInt(), Min(0), Max(MAX_FEN));
/** An optional amount in fen (integer ≥ 0, not null). */
export const OptionalFen = (description = 'fen'): PropertyDecorator => applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: 0, description }), IsOptionalNotNull(), IsInt(), Min(0), Max(MAX_FEN));
/** An optional query integer. */
export const QueryInt = (min: number, max: number, description?: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description }), IsOptional(), Type(() => Number), IsInt(), Min(min), Max(max));

/** A nullable optional field: `undefined` keeps, `null` clears. */
export const Nullable = (): PropertyDecorator => applyDecorators(IsOptional(), ValidateIf((_o, v) => v !== null));

export class VersionDto {
  @ApiProperty({ type: 'integer', description: 'The version last read; another current version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
