import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { DATE_PATTERN, DATE_TIME_WITH_OFFSET } from '../operations-info.constants';

/** `true` / `false` in a query string become booleans (anything else fails @IsBoolean). */
export const BooleanQueryParam = (): PropertyDecorator => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused), naming the field. */
export const IsCalendarDate = (field: string): PropertyDecorator =>
  applyDecorators(
    Matches(DATE_PATTERN, { message: `${field} must be a date YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: `${field} must be a date that exists` }),
  );

/** A date-time with its offset (`2026-12-01T08:00:00+08:00`). */
export const IsDateTimeWithOffset = (field: string): PropertyDecorator =>
  applyDecorators(
    Matches(DATE_TIME_WITH_OFFSET, { message: `${field} must be a date-time with offset, e.g. 2026-12-01T08:00:00+08:00` }),
    IsISO8601({ strict: true }, { message: `${field} must be a date-time that exists` }),
  );

/** A query parameter that may be given once or repeated, answered as an array. */
export const ArrayQueryParam = (): PropertyDecorator => Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]));

/** Pagination and `q`, a piece of the name / title (case-insensitive); each resource adds its filters and `sort`. */
export class ResourceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the title / name (or of the code), case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

/** The `version` every PATCH carries: the change applies only if the row is still at that version. */
export class VersionedChangeDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Version the change was made against (optimistic lock); 409 when stale' })
  @IsInt()
  @Min(1)
  version: number;
}

