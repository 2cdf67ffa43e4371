import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsIsoDateTime } from '@crm/platform';
import { EXTERNAL_ID_PATTERN, PAYMENT_PLACE_PATTERN, PaymentMethod } from '../billing.constants';
import { MAX_FEN } from './create-account.dto';

/** Record a payment (繳費) to an account; optionally settle its bills from it. */
export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  accountId: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 20000, description: 'Fen' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ enum: PaymentMethod })
  @IsEnum(PaymentMethod)
  method: PaymentMethod;

  @ApiProperty({ example: 'BH-440106-01', description: '繳費地點: business hall code (營業廳) or channel (online, app, bank)' })
  @Matches(PAYMENT_PLACE_PATTERN, { message: 'place must be 1-32 letters, digits or _ . : -' })
  place: string;

  @ApiPropertyOptional({ example: '2026-12-01T10:15:00+08:00', description: 'When the money was received: a date-time with offset, or a date (midnight in the city); now when absent; never in the future' })
  @IsOptional()
  @IsIsoDateTime()
  paidAt?: string;

  @ApiPropertyOptional({ example: 'WX4200001234202612011234567890', description: "The channel's transaction id; recorded once per method (a second payment with the same method and reference → 409 naming reference)" })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'reference must be 1-64 letters, digits or . _ : -' })
  reference?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Settle exactly these bills of the account, in this order; the rest stays as balance' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  billIds?: string[];

  @ApiPropertyOptional({ default: true, description: 'Without billIds: settle unpaid bills oldest first (true) or keep everything as prepayment (false)' })
  @IsOptional()
  @IsBoolean()
  settleOutstanding?: boolean;
}
