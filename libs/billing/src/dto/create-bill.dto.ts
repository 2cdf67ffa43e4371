import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BillItemType, ServiceKind } from '../billing.constants';
import { MAX_FEN } from './create-account.dto';

export const MONTH_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class BillItemInputDto {
  @ApiProperty({ enum: BillItemType, example: BillItemType.MonthlyFee })
  @IsEnum(BillItemType)
  itemType: BillItemType;

  @ApiProperty({ enum: ServiceKind, example: ServiceKind.Voice, description: 'The service the fee belongs to' })
  @IsEnum(ServiceKind)
  service: ServiceKind;

  @ApiProperty({ type: 'integer', example: 12900, description: 'Fen; negative for discount items, otherwise ≥ 0' })
  @IsInt()
  @Min(-MAX_FEN)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiPropertyOptional({ maxLength: 100, example: '5G 暢享 129 元套餐月租' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  description?: string;
}

/** Issue (出賬) an account's bill for one month, with its fee breakdown. */
export class CreateBillDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  accountId: string;

  @ApiProperty({ example: '2026-11', description: 'Billing month YYYY-MM (賬期)' })
  @Matches(MONTH_PATTERN, { message: 'billingMonth must be a month YYYY-MM' })
  billingMonth: string;

  @ApiProperty({ example: '2026-12-15', description: 'Due date (繳費期限), on or after the first day of the billing month' })
  @Matches(DAY_PATTERN, { message: 'dueDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a real calendar date' })
  dueDate: string;

  @ApiProperty({ type: [BillItemInputDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BillItemInputDto)
  items: BillItemInputDto[];
}
