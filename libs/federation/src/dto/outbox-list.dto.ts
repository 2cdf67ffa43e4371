import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class OutboxQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'rejected'])
  status?: 'pending' | 'delivered' | 'rejected';

  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
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
