import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LastBatchDto {
  @ApiProperty({ example: '440100/440100/customers_by_segment_district/day/2026-11-30/17' })
  batchKey: string;

  @ApiProperty({ example: 'customers_by_segment_district' })
  metricSet: string;

  @ApiProperty({ example: '2026-11-30' })
  period: string;

  @ApiProperty({ example: '17' })
  version: string;

  @ApiProperty()
  producedAt: string;

  @ApiProperty()
  receivedAt: string;

  @ApiPropertyOptional({ enum: ['applied', 'stale'], nullable: true })
  outcome: string | null;
}

export class ChildStatusDto {
  @ApiProperty({ example: '440100' })
  code: string;

  @ApiProperty({ example: '廣州' })
  name: string;

  @ApiProperty({ enum: ['province', 'city'] })
  tier: string;

  @ApiProperty({ example: 'http://127.0.0.1:3101' })
  url: string;

  @ApiProperty({ type: 'integer', description: 'Batches received from this child' })
  batchesReceived: number;

  @ApiProperty({ type: 'integer', description: 'Received but not yet applied' })
  pendingApply: number;

  @ApiPropertyOptional({ type: LastBatchDto, nullable: true })
  lastBatch: LastBatchDto | null;

  @ApiPropertyOptional({ example: '2026-11-30', nullable: true, description: 'Latest period received from this child' })
  latestPeriod: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Seconds since the child last sent a batch' })
  lagSeconds: number | null;

  @ApiProperty({ enum: ['ok', 'late', 'never'], description: 'late: nothing for more than twice the publication interval' })
  status: 'ok' | 'late' | 'never';
}

export class ChildrenResponseDto {
  @ApiProperty({ example: '440000' })
  node: string;

  @ApiProperty({ type: [ChildStatusDto] })
  children: ChildStatusDto[];
}
