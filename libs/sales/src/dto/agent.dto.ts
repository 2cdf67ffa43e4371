import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { AgentStatus, CommissionStatus } from '../sales.constants';
import { MONTH, Nullable, VersionDto } from './common.dto';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateAgentDto {
  @ApiProperty({ example: 'AG-0001' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, { message: 'code must be 1-32 letters, digits or -' }) code: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' }) districtCode?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^[0-9+-]{5,20}$/, { message: 'contactPhone must be 5-20 digits, + or -' }) contactPhone?: string;
  @ApiPropertyOptional({ enum: AgentStatus, default: AgentStatus.Active }) @IsOptionalNotNull() @IsEnum(AgentStatus) status?: AgentStatus;
}
export class UpdateAgentDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' }) districtCode?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @Matches(/^[0-9+-]{5,20}$/, { message: 'contactPhone must be 5-20 digits, + or -' }) contactPhone?: string | null;
  @ApiPropertyOptional({ enum: AgentStatus }) @IsOptionalNotNull() @IsEnum(AgentStatus) status?: AgentStatus;
}
export const AGENT_SORTS = ['code', '-code', 'name', '-name', 'createdAt', '-createdAt'] as const;
export class AgentFilterDto {
  @ApiPropertyOptional({ enum: AgentStatus }) @IsOptional() @IsEnum(AgentStatus) status?: AgentStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' }) districtCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) namePrefix?: string;
  @ApiPropertyOptional({ enum: AGENT_SORTS, default: 'code' }) @IsOptional() @IsIn(AGENT_SORTS) sort: (typeof AGENT_SORTS)[number] = 'code';
}
export class ListAgentsDto extends IntersectionType(PageQueryDto, AgentFilterDto) {}
export class ExportAgentsDto extends IntersectionType(ExportFormatDto, AgentFilterDto) {}

export class CreateRepresentativeDto {
  @ApiProperty({ maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^[0-9+-]{5,20}$/, { message: 'phone must be 5-20 digits, + or -' }) phone?: string;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptionalNotNull() @IsString() @MaxLength(50) title?: string;
  @ApiPropertyOptional({ default: true }) @IsOptionalNotNull() @IsBoolean() active?: boolean;
}
export class UpdateRepresentativeDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(50) name?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @Matches(/^[0-9+-]{5,20}$/, { message: 'phone must be 5-20 digits, + or -' }) phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(50) title?: string | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() active?: boolean;
}
export class RepresentativeFilterDto {
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: ['name', '-name'], default: 'name' }) @IsOptional() @IsIn(['name', '-name']) sort: 'name' | '-name' = 'name';
}
export class ListRepresentativesDto extends IntersectionType(PageQueryDto, RepresentativeFilterDto) {}

export class AgentPerformanceQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'Completed on or after (city date)' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Completed on or before (city date)' }) @IsCalendarDate() to: string;
}

export class ComputeCommissionDto {
  @ApiProperty({ example: '2026-11', description: 'The month (YYYY-MM)' }) @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period: string;
}

export class ApproveCommissionDto extends VersionDto {}

export const COMMISSION_SORTS = ['period', '-period', 'totalFen', '-totalFen'] as const;
export class CommissionFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') agentId?: string;
  @ApiPropertyOptional({ example: '2026-11' }) @IsOptional() @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period?: string;
  @ApiPropertyOptional({ enum: CommissionStatus }) @IsOptional() @IsEnum(CommissionStatus) status?: CommissionStatus;
  @ApiPropertyOptional({ enum: COMMISSION_SORTS, default: '-period' }) @IsOptional() @IsIn(COMMISSION_SORTS) sort: (typeof COMMISSION_SORTS)[number] = '-period';
}
export class ListCommissionsDto extends IntersectionType(PageQueryDto, CommissionFilterDto) {}
export class ExportCommissionsDto extends IntersectionType(ExportFormatDto, CommissionFilterDto) {}
