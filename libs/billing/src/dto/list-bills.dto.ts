import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { BillStatus } from '../billing.constants';
import { MONTH_PATTERN } from './create-bill.dto';

export const BILL_SORTS = ['billingMonth', '-billingMonth', 'totalFen', '-totalFen', 'dueDate', '-dueDate'] as const;

export class BillFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: BillStatus })
  @IsOptional()
  @IsEnum(BillStatus)
  status?: BillStatus;

  @ApiPropertyOptional({ example: '2026-01', description: 'First billing month (YYYY-MM), inclusive' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'monthFrom must be a month YYYY-MM' })
  monthFrom?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last billing month (YYYY-MM), inclusive' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'monthTo must be a month YYYY-MM' })
  monthTo?: string;

  @ApiPropertyOptional({ enum: BILL_SORTS, default: '-billingMonth' })
  @IsOptional()
  @IsIn(BILL_SORTS)
  sort: (typeof BILL_SORTS)[number] = '-billingMonth';
}

export class ListBillsDto extends IntersectionType(PageQueryDto, BillFilterDto) {}
