import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { AccountStatus, PaymentMethod } from '../billing.constants';
import { MAX_FEN } from './create-account.dto';

export const ACCOUNT_SORTS = ['accountNumber', '-accountNumber', 'createdAt', '-createdAt', 'balanceFen', '-balanceFen'] as const;

/** Filters of the account list and export. */
export class AccountFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ description: 'Prefix of the account number' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'accountNumber must be 1-32 letters, digits or -' })
  accountNumber?: string;

  @ApiPropertyOptional({ enum: AccountStatus })
  @IsOptional()
  @IsEnum(AccountStatus)
  status?: AccountStatus;

  @ApiPropertyOptional({ enum: PaymentMethod })
  @IsOptional()
  @IsEnum(PaymentMethod)
  paymentMethod?: PaymentMethod;

  @ApiPropertyOptional({ example: '440106', description: "District of the account's customer" })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Balance at least (fen)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  minBalanceFen?: number;

  @ApiPropertyOptional({ enum: ACCOUNT_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(ACCOUNT_SORTS)
  sort: (typeof ACCOUNT_SORTS)[number] = '-createdAt';
}

export class ListAccountsDto extends IntersectionType(PageQueryDto, AccountFilterDto) {}
