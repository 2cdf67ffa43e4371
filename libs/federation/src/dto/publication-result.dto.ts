import { ApiProperty } from '@nestjs/swagger';

export class PublishedSliceDto {
  @ApiProperty()
  batchKey: string;

  @ApiProperty()
  metricSet: string;

  @ApiProperty()
  period: string;

  @ApiProperty()
  version: string;

  @ApiProperty({ type: 'integer' })
  rows: number;
}

export class PublicationResultDto {
  @ApiProperty({ type: [PublishedSliceDto], description: 'Slices whose content changed and got a new version' })
  published: PublishedSliceDto[];

  @ApiProperty({ type: 'integer', description: 'Slices recomputed with no change (not re-sent)' })
  unchanged: number;

  @ApiProperty({ type: 'integer', description: 'Pending outbox batches re-queued for delivery' })
  requeued: number;
}

export class InboxReceiptDto {
  @ApiProperty()
  batchKey: string;

  @ApiProperty({ enum: ['accepted', 'duplicate'] })
  status: 'accepted' | 'duplicate';
}
