import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ACCOUNT_NUMBER_PATTERN, AccountStatus, BANK_ID_PATTERN, PaymentMethod } from '../billing.constants';

/** Largest amount accepted anywhere in the API: 10 billion yuan in fen. */
export const MAX_FEN = 1_000_000_000_000;

export class CreateAccountDto {
  @ApiProperty({ format: 'uuid', description: 'The customer the account belongs to' })
  @IsUUID('4')
  customerId: string;

  @ApiPropertyOptional({ example: '4401002612000123', description: '賬號; generated when absent; unique, never reused' })
  @IsOptional()
  @Matches(ACCOUNT_NUMBER_PATTERN, { message: 'accountNumber must be 4-32 letters, digits or -' })
  accountNumber?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 999, description: "序號 among the customer's accounts; next free number when absent" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  serial?: number;

  @ApiPropertyOptional({ example: '張偉 (家庭)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'ICBC', description: 'Bank code or institution number' })
  @IsOptional()
  @Matches(BANK_ID_PATTERN, { message: 'bankId must be 2-12 upper-case letters or digits' })
  bankId?: string;

  @ApiPropertyOptional({ example: '6222020200112233445', description: '銀行賬號, 8-30 digits; stored encrypted, answered masked unless the caller may see personal data' })
  @IsOptional()
  @Matches(/^[\d -]{8,40}$/, { message: 'bankAccount must be 8-30 digits (spaces and dashes allowed)' })
  bankAccount?: string;

  @ApiPropertyOptional({ type: 'integer', default: 0, description: '信用額度 in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  creditLimitFen?: number;

  @ApiPropertyOptional({ enum: PaymentMethod, default: PaymentMethod.Cash, description: 'Default payment method' })
  @IsOptional()
  @IsEnum(PaymentMethod)
  paymentMethod?: PaymentMethod;

  @ApiPropertyOptional({ enum: AccountStatus, default: AccountStatus.Active })
  @IsOptional()
  @IsEnum(AccountStatus)
  status?: AccountStatus;
}
