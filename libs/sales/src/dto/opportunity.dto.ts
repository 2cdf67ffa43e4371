import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { OpportunityStage } from '../sales.constants';
import { Fen, Nullable, OptionalFen, PRODUCT_CODE, VersionDto } from './common.dto';

export const OPEN_STAGES = [OpportunityStage.Lead, OpportunityStage.Qualified, OpportunityStage.Proposal, OpportunityStage.Negotiation] as const;

export class CreateOpportunityDto {
  @ApiProperty({ maxLength: 200, example: '天河分公司專線擴容' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') customerId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Owner (staff)' }) @IsOptionalNotNull() @IsUUID('4') ownerStaffId?: string;
  @ApiPropertyOptional({ description: 'Business hall code' }) @IsOptionalNotNull() @IsString() @MaxLength(16) hallCode?: string;
  @ApiPropertyOptional({ enum: OPEN_STAGES, default: OpportunityStage.Lead }) @IsOptionalNotNull() @IsIn(OPEN_STAGES) stage?: OpportunityStage;
  @Fen('Expected value, fen') expectedValueFen: number;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptionalNotNull() @IsCalendarDate() expectedCloseDate?: string;
  @ApiPropertyOptional({ type: [String], description: 'Catalogue product codes' }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @Matches(PRODUCT_CODE, { each: true, message: 'productCodes must hold product codes' }) productCodes?: string[];
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptionalNotNull() @IsString() @MaxLength(1000) notes?: string;
}

export class UpdateOpportunityDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @Nullable() @IsUUID('4') ownerStaffId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(16) hallCode?: string | null;
  @ApiPropertyOptional({ enum: OpportunityStage, description: 'A stage change is recorded in the history; won and lost are final; lost needs lostReason' }) @IsOptionalNotNull() @IsEnum(OpportunityStage) stage?: OpportunityStage;
  @ApiPropertyOptional({ maxLength: 500, description: 'Note of the stage change' }) @IsOptionalNotNull() @IsString() @MaxLength(500) stageNote?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(500) lostReason?: string;
  @OptionalFen('Expected value, fen') expectedValueFen?: number;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsCalendarDate() expectedCloseDate?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @Matches(PRODUCT_CODE, { each: true, message: 'productCodes must hold product codes' }) productCodes?: string[];
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(1000) notes?: string | null;
}

export const OPPORTUNITY_SORTS = ['createdAt', '-createdAt', 'expectedValueFen', '-expectedValueFen', 'expectedCloseDate', '-expectedCloseDate', 'stage', '-stage'] as const;

export class OpportunityFilterDto {
  @ApiPropertyOptional({ enum: OpportunityStage }) @IsOptional() @IsEnum(OpportunityStage) stage?: OpportunityStage;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') ownerStaffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) hallCode?: string;
  @ApiPropertyOptional({ description: "The customer's district" }) @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' }) districtCode?: string;
  @ApiPropertyOptional({ description: 'Expected close on or after' }) @IsOptional() @IsCalendarDate() closeFrom?: string;
  @ApiPropertyOptional({ description: 'Expected close on or before' }) @IsOptional() @IsCalendarDate() closeTo?: string;
  @ApiPropertyOptional({ enum: OPPORTUNITY_SORTS, default: '-createdAt' }) @IsOptional() @IsIn(OPPORTUNITY_SORTS) sort: (typeof OPPORTUNITY_SORTS)[number] = '-createdAt';
}
export class ListOpportunitiesDto extends IntersectionType(PageQueryDto, OpportunityFilterDto) {}
export class ExportOpportunitiesDto extends IntersectionType(ExportFormatDto, OpportunityFilterDto) {}

export const PIPELINE_GROUPS = ['owner', 'business_hall', 'district'] as const;
export class PipelineQueryDto {
  @ApiPropertyOptional({ enum: PIPELINE_GROUPS, description: 'Split each stage by owner, business hall or district' }) @IsOptional() @IsIn(PIPELINE_GROUPS) groupBy?: (typeof PIPELINE_GROUPS)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') ownerStaffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) hallCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' }) districtCode?: string;
}
