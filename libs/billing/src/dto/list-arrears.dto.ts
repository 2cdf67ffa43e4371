import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ArrearStatus, ServiceKind } from '../billing.constants';
import { MAX_FEN } from './create-account.dto';
import { DAY_PATTERN } from './create-bill.dto';
import { BooleanQuery } from './query-transform.util';

export const ARREAR_SORTS = ['amountFen', '-amountFen', 'since', '-since', 'dunningCount', '-dunningCount', 'updatedAt', '-updatedAt'] as const;

/** Filters of the arrears list and export (欠費查詢). */
export class ArrearFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: ArrearStatus })
  @IsOptional()
  @IsEnum(ArrearStatus)
  status?: ArrearStatus;

  @ApiPropertyOptional({ enum: ServiceKind })
  @IsOptional()
  @IsEnum(ServiceKind)
  service?: ServiceKind;

  @ApiPropertyOptional({ type: 'integer', description: 'Amount at least (fen)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  minAmountFen?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Amount at most (fen)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  maxAmountFen?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'In arrears since this day or later' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'sinceFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'sinceFrom must be a real calendar date' })
  sinceFrom?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'In arrears since this day or earlier' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'sinceTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'sinceTo must be a real calendar date' })
  sinceTo?: string;

  @ApiPropertyOptional({ example: '440106', description: "District of the arrear's customer" })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  suspended?: boolean;

  @ApiPropertyOptional({ enum: ARREAR_SORTS, default: '-amountFen' })
  @IsOptional()
  @IsIn(ARREAR_SORTS)
  sort: (typeof ARREAR_SORTS)[number] = '-amountFen';
}

export class ListArrearsDto extends IntersectionType(PageQueryDto, ArrearFilterDto) {}
