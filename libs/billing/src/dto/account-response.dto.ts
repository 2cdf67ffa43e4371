import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccountStatus, PaymentMethod } from '../billing.constants';

export class AccountResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '4401002612000123' }) accountNumber: string;
  @ApiProperty({ type: 'integer' }) serial: number;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiPropertyOptional({ nullable: true }) name: string | null;
  @ApiPropertyOptional({ nullable: true }) bankId: string | null;
  @ApiPropertyOptional({ nullable: true, example: '6222***********3445', description: 'Masked unless the caller holds customer:personal-data (single reads only; lists are always masked)' })
  bankAccount: string | null;
  @ApiProperty({ description: 'Whether bankAccount is masked in this response' }) personalDataMasked: boolean;
  @ApiProperty({ type: 'integer' }) creditLimitFen: number;
  @ApiProperty({ type: 'integer', description: 'Prepaid balance (預存款) in fen; derived from payments and bills' }) balanceFen: number;
  @ApiProperty({ enum: PaymentMethod }) paymentMethod: PaymentMethod;
  @ApiProperty({ enum: AccountStatus }) status: AccountStatus;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountResponseDto] }) items: AccountResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
