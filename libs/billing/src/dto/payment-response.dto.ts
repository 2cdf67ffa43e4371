import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PaymentMethod } from '../billing.constants';

export class SettlementDto {
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ example: '2026-11' }) billingMonth: string;
  @ApiProperty({ type: 'integer', description: 'Fen moved from the balance to the bill' }) amountFen: number;
  @ApiProperty({ description: 'Status of the bill afterwards' }) status: string;
}

export class PaymentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ enum: PaymentMethod }) method: PaymentMethod;
  @ApiProperty() place: string;
  @ApiPropertyOptional({ nullable: true }) reference: string | null;
  @ApiProperty() paidAt: string;
  @ApiProperty() recordedBy: string;
}

export class RecordedPaymentDto extends PaymentResponseDto {
  @ApiProperty({ type: [SettlementDto], description: 'Bills settled from this payment' }) settlements: SettlementDto[];
  @ApiProperty({ type: 'integer', description: "The account's balance after the payment" }) balanceFen: number;
}

export class PaymentPageDto {
  @ApiProperty({ type: [PaymentResponseDto] }) items: PaymentResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
