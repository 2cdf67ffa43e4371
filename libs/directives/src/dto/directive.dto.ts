import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { DIRECTIVE_KEY_PATTERN, DIRECTIVE_KINDS } from '../directives.constants';

export class CreateDirectiveDto {
  @ApiProperty({ example: 'service-indicators', description: 'What successive versions share; the next version of the key is issued' })
  @Matches(DIRECTIVE_KEY_PATTERN, { message: 'key must be 1–64 characters of a–z, 0–9, ".", "_" and "-", starting with a letter or digit' })
  key: string;

  @ApiProperty({ enum: DIRECTIVE_KINDS })
  @IsIn(DIRECTIVE_KINDS)
  kind: string;

  @ApiProperty({ example: '2027 年全國服務指標' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { faultRepairHours: 24, firstContactResolutionRate: 0.8, complaintsPer10k: 5, slaAttainmentRate: 0.95 } })
  @IsObject()
  content: Record<string, unknown>;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Default: the day it is issued' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  effectiveFrom?: string;

  @ApiPropertyOptional({ type: [String], example: ['440000'], description: 'Provinces or cities it is meant for; default every node below' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(/^\d{6}$/, { each: true, message: 'each scope entry must be a 6-digit node code' })
  scope?: string[];
}

export class DirectiveQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DIRECTIVE_KINDS })
  @IsOptional()
  @IsIn(DIRECTIVE_KINDS)
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DIRECTIVE_KEY_PATTERN)
  key?: string;

  @ApiPropertyOptional({ description: 'Issuing node' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  origin?: string;
}

export class DirectiveDto {
  @ApiProperty() id: string;
  @ApiProperty() originNode: string;
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: DIRECTIVE_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) content: Record<string, unknown>;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ type: [String], nullable: true }) scope: string[] | null;
  @ApiProperty() issuedAt: string;
  @ApiProperty() issuedBy: string;
  @ApiProperty({ nullable: true }) receivedAt: string | null;
  @ApiProperty({ nullable: true }) receivedFrom: string | null;
  @ApiProperty({ description: 'The highest version of its key here' }) current: boolean;
}

export class DirectivePageDto {
  @ApiProperty({ type: [DirectiveDto] }) items: DirectiveDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class DirectiveNodeStatusDto {
  @ApiProperty() nodeCode: string;
  @ApiProperty() nodeName: string;
  @ApiProperty({ enum: ['applied', 'behind', 'pending'], description: 'applied: this version (or a later one); behind: an earlier version; pending: none reported yet' })
  status: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Highest version of the key it reported' }) appliedVersion: number | null;
  @ApiProperty({ nullable: true }) appliedAt: string | null;
}

export class DirectiveDetailDto extends DirectiveDto {
  @ApiProperty({ type: [DirectiveNodeStatusDto], description: 'Nodes below this one in its scope, with the version each applied' })
  nodes: DirectiveNodeStatusDto[];
}
