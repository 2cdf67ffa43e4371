import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NODE_MESSAGE_TYPES } from '../protocol/node-message.dto';
import { OutboxQueryDto } from './outbox-list.dto';

/** Listing of the node messages this node sent: pagination, status and type. */
export class MessageOutboxQueryDto extends OutboxQueryDto {
  @ApiPropertyOptional({ enum: NODE_MESSAGE_TYPES })
  @IsOptional()
  @IsIn(NODE_MESSAGE_TYPES)
  type?: string;
}

export class MessageOutboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) messageId: string;
  @ApiProperty() targetNode: string;
  @ApiProperty({ enum: NODE_MESSAGE_TYPES }) type: string;
  @ApiProperty() subject: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'rejected'] }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) deliveredAt: string | null;
}

export class MessageOutboxPageDto {
  @ApiProperty({ type: [MessageOutboxItemDto] }) items: MessageOutboxItemDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
