import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { AccountStatus, BANK_ID_PATTERN, PaymentMethod } from '../billing.constants';
import { MAX_FEN } from './create-account.dto';

/** What may change on an account. The customer, number, serial and balance never change here. */
export class UpdateAccountDto {
  @ApiProperty({ type: 'integer', description: 'The version read; a different current version answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ nullable: true, maxLength: 100 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'ICBC' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(BANK_ID_PATTERN, { message: 'bankId must be 2-12 upper-case letters or digits' })
  bankId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the bank account' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[\d -]{8,40}$/, { message: 'bankAccount must be 8-30 digits (spaces and dashes allowed)' })
  bankAccount?: string | null;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  creditLimitFen?: number;

  @ApiPropertyOptional({ enum: PaymentMethod })
  @IsOptional()
  @IsEnum(PaymentMethod)
  paymentMethod?: PaymentMethod;

  @ApiPropertyOptional({ enum: AccountStatus })
  @IsOptional()
  @IsEnum(AccountStatus)
  status?: AccountStatus;
}
