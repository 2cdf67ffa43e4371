import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, Matches, ValidateNested } from 'class-validator';
import { PeriodType } from './fact-set.catalogue';

export const MAX_ROWS_PER_BATCH = 50_000;

export class FactRowDto {
  @ApiProperty({ example: { segment: 'public_residential', district: '440106' }, type: 'object', additionalProperties: { type: 'string' } })
  @IsObject()
  dims: Record<string, string>;

  @ApiProperty({ example: { customers: 1203, new_customers: 4, lost_customers: 1 }, type: 'object', additionalProperties: { type: 'number' } })
  @IsObject()
  measures: Record<string, number>;
}

/** One slice of facts (origin node × fact set × period) at one version, as sent up a tier. */
export class FactBatchDto {
  @ApiProperty({ example: '440000', description: 'Node sending the batch (must be the signer)' })
  @Matches(/^\d{6}$/)
  sourceNode: string;

  @ApiProperty({ example: '440100', description: 'City whose data the slice describes' })
  @Matches(/^\d{6}$/)
  originNode: string;

  @ApiProperty({ example: 'customers_by_segment_district' })
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  metricSet: string;

  @ApiProperty({ enum: ['day', 'month'] })
  @IsIn(['day', 'month'])
  periodType: PeriodType;

  @ApiProperty({ example: '2026-11-30', description: 'Day, or first day of the month' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  period: string;

  @ApiProperty({ example: '42', description: 'Origin-assigned version; a higher one replaces a lower one' })
  @Matches(/^[1-9]\d{0,17}$/)
  version: string;

  @ApiProperty({ example: '2026-12-01T03:00:00.000Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  producedAt: string;

  @ApiProperty({ description: 'sha256 of the canonical rows' })
  @Matches(/^[0-9a-f]{64}$/)
  contentHash: string;

  @ApiProperty({ type: [FactRowDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ROWS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => FactRowDto)
  rows: FactRowDto[];
}
