import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BillItemType, BillStatus, ServiceKind } from '../billing.constants';

export class BillItemDto {
  @ApiProperty({ enum: BillItemType }) itemType: BillItemType;
  @ApiProperty({ enum: ServiceKind }) service: ServiceKind;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
}

export class BillResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '2026-11' }) billingMonth: string;
  @ApiProperty({ type: 'integer' }) totalFen: number;
  @ApiProperty({ type: 'integer' }) paidFen: number;
  @ApiProperty({ type: 'integer', description: 'Forgiven by write-offs (核銷) of its arrears' }) writtenOffFen: number;
  @ApiProperty({ type: 'integer', description: 'Left to pay: totalFen − paidFen − writtenOffFen' }) outstandingFen: number;
  @ApiProperty({ example: '2026-12-15' }) dueDate: string;
  @ApiProperty({ enum: BillStatus }) status: BillStatus;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) paidAt: string | null;
  @ApiPropertyOptional({ type: [BillItemDto], description: 'Fee breakdown (single reads and creation only)' }) items?: BillItemDto[];
}

export class BillPageDto {
  @ApiProperty({ type: [BillResponseDto] }) items: BillResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
