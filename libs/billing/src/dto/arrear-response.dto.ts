import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrearStatus, DunningMethod, ServiceKind } from '../billing.constants';

export class ArrearResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ServiceKind }) service: ServiceKind;
  @ApiProperty({ type: 'integer', description: 'Outstanding (fen)' }) amountFen: number;
  @ApiProperty({ type: 'integer', description: 'Highest amount owed during this arrear (fen)' }) peakAmountFen: number;
  @ApiProperty({ example: '2026-10-15', description: 'Due date of the oldest unpaid bill' }) since: string;
  @ApiProperty({ enum: ArrearStatus }) status: ArrearStatus;
  @ApiPropertyOptional({ nullable: true }) recoveredOn: string | null;
  @ApiPropertyOptional({ enum: DunningMethod, nullable: true }) dunningMethod: DunningMethod | null;
  @ApiProperty({ type: 'integer' }) dunningCount: number;
  @ApiPropertyOptional({ nullable: true }) lastDunnedAt: string | null;
  @ApiProperty() suspended: boolean;
  @ApiPropertyOptional({ nullable: true }) suspendedAt: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ArrearPageDto {
  @ApiProperty({ type: [ArrearResponseDto] }) items: ArrearResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class ArrearsGenerationDto {
  @ApiProperty({ example: '2026-12-01' }) asOf: string;
  @ApiProperty({ type: 'integer' }) billsMarkedOverdue: number;
  @ApiProperty({ type: 'integer' }) accounts: number;
  @ApiProperty({ type: 'integer' }) opened: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) recovered: number;
}

export class DunningRunResultDto {
  @ApiProperty({ example: '2026-12-01' }) asOf: string;
  @ApiProperty({ type: ArrearsGenerationDto }) arrears: ArrearsGenerationDto;
  @ApiProperty({ type: 'integer', description: 'Machine reminders sent (counted as attempts)' }) reminded: number;
  @ApiProperty({ type: 'integer', description: 'Manual follow-up tasks created' }) tasksCreated: number;
  @ApiProperty({ type: 'integer', description: 'Arrears newly flagged for suspension' }) suspended: number;
}

export class DunningRunDto {
  @ApiProperty() jobId: string;
  @ApiProperty({ example: 'waiting', description: 'BullMQ state: waiting, active, completed, failed, delayed, …' }) state: string;
  @ApiPropertyOptional({ type: DunningRunResultDto, nullable: true }) result: DunningRunResultDto | null;
  @ApiPropertyOptional({ nullable: true }) failedReason: string | null;
}
