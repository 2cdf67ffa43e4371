import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Swagger schemas only: the facade validates bodies itself (TMF bodies carry @type and other attributes the global pipe would refuse). */
export class TmfRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ description: 'relatedParty: customer, receiver (also firstContact, staff) on create; owner and assignee are answered. relatedEntity: subscription' }) role?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ name: '@referredType', example: 'Customer' }) '@referredType'?: string;
}

export class TmfChannelRefDto {
  @ApiPropertyOptional({ example: 'hotline_10000', description: 'call_centre, business_hall, account_manager, hotline_10000, hotline_112, hotline_114, website, email (case-insensitive; synonyms in docs/tmf621.md)' }) name?: string;
  @ApiPropertyOptional() id?: string;
}

export class TmfNoteDto {
  @ApiProperty() text: string;
  @ApiPropertyOptional() author?: string;
  @ApiPropertyOptional({ format: 'date-time' }) date?: string;
}

export class TmfQuantityDto {
  @ApiProperty() amount: number;
  @ApiProperty({ example: 'bytes' }) units: string;
}

export class TmfAttachmentDto {
  @ApiProperty({ description: 'Where the file is kept (no upload)' }) url: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ example: 'image/jpeg' }) mimeType?: string;
  @ApiPropertyOptional({ type: TmfQuantityDto }) size?: TmfQuantityDto;
}

export class TroubleTicketCreateDto {
  @ApiProperty({ maxLength: 4000 }) description: string;
  @ApiProperty({ example: 'Major', description: 'Critical/Urgent → critical, Major/High → high, Minor/Medium → medium, Low/Warning → low (case-insensitive)' }) severity: string;
  @ApiProperty({ example: 'Fault', description: 'Complaint, Fault, Consultation, Query, Suggestion (case-insensitive)' }) ticketType: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'The title; defaults to the first line of the description' }) name?: string;
  @ApiPropertyOptional({ description: 'Ignored on create: a new ticket is acknowledged' }) status?: string;
  @ApiPropertyOptional({ description: 'Ignored: derived from severity' }) priority?: string;
  @ApiPropertyOptional({ type: TmfChannelRefDto }) channel?: TmfChannelRefDto;
  @ApiPropertyOptional({ type: [TmfRefDto] }) relatedParty?: TmfRefDto[];
  @ApiPropertyOptional({ type: [TmfRefDto] }) relatedEntity?: TmfRefDto[];
  @ApiPropertyOptional({ type: [TmfNoteDto] }) note?: TmfNoteDto[];
  @ApiPropertyOptional({ type: [TmfAttachmentDto] }) attachment?: TmfAttachmentDto[];
}

export class TroubleTicketUpdateDto {
  @ApiPropertyOptional({ maxLength: 200 }) name?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) description?: string;
  @ApiPropertyOptional({ type: [TmfNoteDto], description: 'Replaces the notes' }) note?: TmfNoteDto[];
  @ApiPropertyOptional({ description: 'acknowledged, inProgress, pending (held), resolved, closed, rejected, cancelled — through the lifecycle (409 when not allowed)' }) status?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) statusChangeReason?: string;
  @ApiPropertyOptional({ description: 'Only the current value (fixed at creation)' }) severity?: string;
  @ApiPropertyOptional({ description: 'Only the current value (fixed at creation)' }) ticketType?: string;
}

export class TmfStatusChangeDto {
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) changeDate: string;
  @ApiPropertyOptional() changeReason?: string;
}

export class TroubleTicketDto {
  @ApiProperty() id: string;
  @ApiProperty() href: string;
  @ApiProperty({ name: '@type', example: 'TroubleTicket' }) '@type': string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: 'Major' }) severity: string;
  @ApiProperty({ example: 'Fault' }) ticketType: string;
  @ApiProperty({ example: 'High', description: 'Derived from severity' }) priority: string;
  @ApiProperty({ example: 'acknowledged' }) status: string;
  @ApiProperty({ format: 'date-time' }) statusChangeDate: string;
  @ApiPropertyOptional() statusChangeReason?: string;
  @ApiProperty({ type: [TmfStatusChangeDto] }) statusChangeHistory: TmfStatusChangeDto[];
  @ApiProperty({ format: 'date-time' }) creationDate: string;
  @ApiProperty({ format: 'date-time' }) lastUpdate: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The resolution SLA due instant while open' }) expectedResolutionDate?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolutionDate?: string;
  @ApiProperty({ type: TmfChannelRefDto }) channel: TmfChannelRefDto;
  @ApiProperty({ type: [TmfRefDto] }) relatedParty: TmfRefDto[];
  @ApiProperty({ type: [TmfRefDto] }) relatedEntity: TmfRefDto[];
  @ApiProperty({ type: [TmfNoteDto] }) note: TmfNoteDto[];
  @ApiProperty({ type: [TmfAttachmentDto] }) attachment: TmfAttachmentDto[];
}

export class TmfErrorDto {
  @ApiProperty({ example: 'MISSING_ATTRIBUTE' }) code: string;
  @ApiProperty({ example: 'Missing mandatory attribute' }) reason: string;
  @ApiProperty({ example: 'description is mandatory' }) message: string;
  @ApiProperty({ example: '400' }) status: string;
  @ApiPropertyOptional() referenceError?: string;
  @ApiProperty({ name: '@type', example: 'Error' }) '@type': string;
}
