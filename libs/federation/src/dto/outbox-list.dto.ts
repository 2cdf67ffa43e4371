import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

/** Outbox listing: the usual pagination plus a status filter. */
export class OutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'rejected'])
  status?: 'pending' | 'delivered' | 'rejected';

  /** Larger default page than other lists (operators scan batches); the maximum is the usual 200. */
  override pageSize = 50;
}

export class OutboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty() batchKey: string;
  @ApiProperty() targetNode: string;
  @ApiProperty() originNode: string;
  @ApiProperty() metricSet: string;
  @ApiProperty() period: string;
  @ApiProperty() version: string;
  @ApiProperty({ type: 'integer' }) rowCount: number;
  @ApiProperty({ enum: ['pending', 'delivered', 'rejected'] }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) deliveredAt: string | null;
}

export class OutboxPageDto {
  @ApiProperty({ type: [OutboxItemDto] }) items: OutboxItemDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
