import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CallType, ServiceKind, UsageDirection } from '../billing.constants';

export class UsageRecordDto {
  @ApiProperty({ description: 'bigint id, as a string' }) id: string;
  @ApiProperty() externalId: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) accountId: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: 'integer' }) durationSeconds: number;
  @ApiProperty({ type: 'integer' }) volumeKb: number;
  @ApiProperty({ enum: CallType }) callType: CallType;
  @ApiProperty({ enum: UsageDirection }) direction: UsageDirection;
  @ApiProperty({ enum: ServiceKind }) service: ServiceKind;
  @ApiProperty({ type: 'integer' }) chargeFen: number;
}

export class UsagePageDto {
  @ApiProperty({ type: [UsageRecordDto] }) items: UsageRecordDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
