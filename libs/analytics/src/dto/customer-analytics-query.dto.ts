import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export const CUSTOMER_GROUPINGS = ['province', 'city', 'segment', 'district'] as const;
export type CustomerGrouping = (typeof CUSTOMER_GROUPINGS)[number];

export class CustomerAnalyticsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Day; default: the latest day with facts in scope' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ example: '440000', description: 'Narrow to a province (drill-down)' })
  @IsOptional()
  @Matches(/^\d{2}0000$/, { message: 'province must be a province code such as 440000' })
  province?: string;

  @ApiPropertyOptional({ example: '440100', description: 'Narrow to a city (drill-down)' })
  @IsOptional()
  @Matches(/^\d{4}00$/, { message: 'city must be a city code such as 440100' })
  city?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_GROUPINGS, description: 'Breakdown; default: one level below the scope' })
  @IsOptional()
  @IsIn(CUSTOMER_GROUPINGS)
  groupBy?: CustomerGrouping;
}
