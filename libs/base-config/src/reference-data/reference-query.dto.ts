import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

/** `true` / `false` in a query string become booleans (anything else fails @IsBoolean). */
export const BooleanQueryParam = (): PropertyDecorator => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Pagination and `q`, a prefix of the code or the name; each resource adds its filters and `sort`. */
export class ReferenceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Prefix of the code (for staff: the employee number) or of the name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q?: string;
}

/** The `version` every PATCH carries: the change applies only if the row is still at that version. */
export class VersionedChangeDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Version the change was made against (optimistic lock); 409 when stale' })
  @IsInt()
  @Min(1)
  version: number;
}
