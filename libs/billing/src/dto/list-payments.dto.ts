import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';
import { PAYMENT_PLACE_PATTERN, PaymentMethod } from '../billing.constants';

export const PAYMENT_SORTS = ['paidAt', '-paidAt', 'amountFen', '-amountFen'] as const;

export class PaymentFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: PaymentMethod })
  @IsOptional()
  @IsEnum(PaymentMethod)
  method?: PaymentMethod;

  @ApiPropertyOptional({ example: 'BH-440106-01' })
  @IsOptional()
  @Matches(PAYMENT_PLACE_PATTERN, { message: 'place must be 1-32 letters, digits or _ . : -' })
  place?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', description: 'Paid at or after: a date-time with offset, or a date (midnight in the city)' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'Paid before: a date-time with offset, or a date (midnight in the city)' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: PAYMENT_SORTS, default: '-paidAt' })
  @IsOptional()
  @IsIn(PAYMENT_SORTS)
  sort: (typeof PAYMENT_SORTS)[number] = '-paidAt';
}

export class ListPaymentsDto extends IntersectionType(PageQueryDto, PaymentFilterDto) {}
