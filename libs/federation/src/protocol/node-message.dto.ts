import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmptyObject, IsObject, IsUUID, Matches, MaxLength } from 'class-validator';

/** What a node message carries; each type has one handler on the receiving tier. */
export const NODE_MESSAGE_TYPES = ['directive', 'directive-ack', 'escalation', 'escalation-update'] as const;
export type NodeMessageType = (typeof NODE_MESSAGE_TYPES)[number];

/**
 * A message between a node and its parent or child (ARCHITECTURE.md "Downward: directives"):
 * directives and their acknowledgements, escalations and the decisions sent back. It travels
 * like a fact batch — outbox row in the sender's transaction, signed delivery job, stored once in
 * the receiver's inbox before 202 (idempotency: source node + messageId), applied by a job.
 */
export class NodeMessageDto {
  @ApiProperty({ format: 'uuid', description: 'Unique per sender; re-sending the same message is harmless' })
  @IsUUID()
  messageId: string;

  @ApiProperty({ enum: NODE_MESSAGE_TYPES })
  @IsIn(NODE_MESSAGE_TYPES)
  type: NodeMessageType;

  @ApiProperty({ example: '440000', description: 'The node sending this request' })
  @Matches(/^\d{6}$/)
  sourceNode: string;

  @ApiProperty({ example: '000000', description: 'The node that authored the content (HQ for a directive a province forwards; the city for an escalation)' })
  @Matches(/^\d{6}$/)
  originNode: string;

  @ApiProperty({ example: 'service-indicators', description: 'What the message is about: a directive key, an escalation reference' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,119}$/)
  subject: string;

  @ApiProperty({ example: '3', description: 'Version of the subject at its origin (decimal integer); a newer one supersedes' })
  @Matches(/^[1-9]\d{0,17}$/)
  version: string;

  @ApiProperty({ example: '2026-12-01T08:00:00.000Z' })
  @IsISO8601({ strict: true })
  @MaxLength(40)
  producedAt: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  @IsNotEmptyObject()
  payload: Record<string, unknown>;
}

export class NodeMessageReceiptDto {
  @ApiProperty({ format: 'uuid' }) messageId: string;
  @ApiProperty({ enum: ['accepted', 'duplicate'] }) status: 'accepted' | 'duplicate';
}
