import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read-personal-data', 'import', 'export'] as const;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'customer' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,47}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Username of the actor' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: (typeof AUDIT_ACTIONS)[number];

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-02T00:00:00+08:00' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorUsername: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty() entityType: string;
  @ApiPropertyOptional({ nullable: true }) entityId: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) oldValues: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) newValues: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true }) requestId: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
