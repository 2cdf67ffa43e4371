import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import {
  DECISION_STATUSES, DECISION_TEXT_MAX, ESCALATION_KINDS, ESCALATION_LEVELS, ESCALATION_STATUSES, EscalationKind, EscalationLevel, REASON_MAX,
} from '../escalation.constants';

export class CreateEscalationDto {
  @ApiProperty({ maxLength: REASON_MAX, example: '客户多次报修未解决，要求省公司督办' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason: string;

  @ApiProperty({ enum: ESCALATION_KINDS, description: 'escalation (升級, by staff) on an open request; appeal (申訴, by the customer) on an open or resolved one' })
  @IsIn(ESCALATION_KINDS)
  kind: EscalationKind;

  @ApiPropertyOptional({ enum: ESCALATION_LEVELS, default: 'province', description: 'hq: the province forwards it to HQ on receipt' })
  @IsOptional()
  @IsIn(ESCALATION_LEVELS)
  level?: EscalationLevel;
}

export class DecideEscalationDto {
  @ApiProperty({ enum: DECISION_STATUSES, description: 'forwarded (province only): sent on to HQ' })
  @IsIn(DECISION_STATUSES)
  status: (typeof DECISION_STATUSES)[number];

  @ApiProperty({ maxLength: DECISION_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(DECISION_TEXT_MAX)
  decision: string;

  @ApiPropertyOptional({ maxLength: DECISION_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DECISION_TEXT_MAX)
  note?: string;
}

export class EscalationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: '440100', description: 'The city the escalation comes from' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  originNode?: string;

  @ApiPropertyOptional({ enum: ESCALATION_KINDS })
  @IsOptional()
  @IsIn(ESCALATION_KINDS)
  kind?: string;
}

export class DecisionRecordDto {
  @ApiProperty({ example: '440000' }) node: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedAt: string;
}

/** An escalation as a province or HQ holds it (summary only), or as the city that raised it holds it. */
export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '440100', description: 'The city the escalation comes from' }) originNode: string;
  @ApiProperty({ description: "The city's escalation id" }) reference: string;
  @ApiProperty({ example: '440100', nullable: true, type: String, description: 'The neighbour it came from (null on the city)' }) receivedFrom: string | null;
  @ApiProperty({ enum: ESCALATION_KINDS }) kind: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedNode: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() summaryVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the city sent (docs/escalation.md): no personal data' }) summary: Record<string, unknown>;
  @ApiProperty({ type: [DecisionRecordDto] }) decisions: DecisionRecordDto[];
  @ApiProperty({ nullable: true, type: String }) forwardedAt: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty() updatedAt: string;
}

export class EscalationPageDto {
  @ApiProperty({ type: [EscalationDto] }) items: EscalationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** A city's own escalation of one of its service requests. */
export class ServiceEscalationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ enum: ESCALATION_KINDS }) kind: string;
  @ApiProperty({ enum: ESCALATION_LEVELS }) level: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedNode: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ type: [DecisionRecordDto] }) decisions: DecisionRecordDto[];
  @ApiProperty() summaryVersion: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The summary as the city sends it up (answered on creation)' }) summary?: Record<string, unknown>;
}
