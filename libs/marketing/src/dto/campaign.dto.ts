import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { SEGMENT_DIMENSIONS } from '@crm/segmentation';
import { CAMPAIGN_CODE_PATTERN, CampaignStatus, ContactGroup, MARKETING_CHANNELS, MarketingChannel, RESPONSE_OUTCOMES, ResponseOutcome } from '../marketing.constants';
import type { GroupEvaluation, Uplift } from '../evaluation.util';

/** A date-time with its offset (`2026-12-01T08:00:00+08:00`, `…Z`): never server-dependent. */
const DATE_TIME_WITH_OFFSET = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
const IsDateTimeWithOffset = (): PropertyDecorator => Matches(DATE_TIME_WITH_OFFSET, { message: 'at must be a date-time with offset, e.g. 2027-01-12T10:00:00+08:00' });
const MONTH = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
const NODE_CODE = /^\d{6}$/;
const DIRECTIVE_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class CreateCampaignDto {
  @ApiProperty({ format: 'uuid', description: 'The marketing plan the campaign belongs to' })
  @IsUUID('4')
  planId: string;

  @ApiProperty({ example: 'gz-2027q1-fttr', description: 'Unique key of the campaign in the city (lower case, digits, . _ -): its name in facts' })
  @Matches(CAMPAIGN_CODE_PATTERN, { message: 'code must be lower-case letters, digits, . _ or - (at most 64), starting with a letter or digit' })
  code: string;

  @ApiProperty({ maxLength: 200, example: '千兆寬帶升級短信營銷' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A marketing method' })
  @IsOptional()
  @IsUUID('4')
  methodId?: string;

  @ApiProperty({ enum: MARKETING_CHANNELS })
  @IsIn(MARKETING_CHANNELS)
  channel: MarketingChannel;

  @ApiPropertyOptional({ example: '000000', description: 'Origin node of the campaign / promotion_policy directive carried out (with directiveKey)' })
  @IsOptional()
  @Matches(NODE_CODE, { message: 'directiveOrigin must be a 6-digit node code' })
  directiveOrigin?: string;

  @ApiPropertyOptional({ example: 'fttr-2027', description: 'Key of that directive' })
  @IsOptional()
  @Matches(DIRECTIVE_KEY, { message: 'directiveKey must be a directive key' })
  directiveKey?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Version of that directive; default: the latest received' })
  @IsOptional()
  @IsInt()
  @Min(1)
  directiveVersion?: number;

  @ApiPropertyOptional({ enum: SEGMENT_DIMENSIONS, description: 'Target a segment: dimension, segment and segmentPeriod together' })
  @IsOptional()
  @IsIn(SEGMENT_DIMENSIONS)
  segmentDimension?: string;

  @ApiPropertyOptional({ example: 'high_value' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(24)
  segment?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Month of the segmentation' })
  @IsOptional()
  @Matches(MONTH, { message: 'segmentPeriod must be a month YYYY-MM' })
  segmentPeriod?: string;

  @ApiPropertyOptional({
    example: { customerTypes: ['public_residential'], districtCodes: ['440106'], statuses: ['active'], minAnnualSpendFen: 100000 },
    description: 'Or target a saved customer query: customerTypes, districtCodes, statuses, levelCodes, minAnnualSpendFen, maxAnnualSpendFen (Σ bills of the 12 months before the start month)',
  })
  @IsOptional()
  @IsObject()
  customerQuery?: Record<string, unknown>;

  @ApiProperty({ example: '2027-01-10' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2027-02-10' })
  @IsCalendarDate()
  endDate: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 24, default: 3, description: 'N: the evaluation compares the N billing months from the start month with the N before' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  evaluationMonths?: number;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  methodId?: string | null;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @IsOptionalNotNull()
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 24 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(24)
  evaluationMonths?: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CampaignTransitionDto {
  @ApiProperty({ enum: [CampaignStatus.Active, CampaignStatus.Closed], description: 'planned → active (contact list built, plan executing) → closed (evaluation stored)' })
  @IsIn([CampaignStatus.Active, CampaignStatus.Closed])
  to: CampaignStatus;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const CAMPAIGN_SORTS = ['startDate', '-startDate', 'createdAt', '-createdAt', 'code', '-code'] as const;

export class CampaignFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  planId?: string;

  @ApiPropertyOptional({ enum: CampaignStatus })
  @IsOptional()
  @IsIn(Object.values(CampaignStatus))
  status?: CampaignStatus;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @IsOptional()
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional({ description: 'Campaigns carrying out this directive key' })
  @IsOptional()
  @Matches(DIRECTIVE_KEY, { message: 'directiveKey must be a directive key' })
  directiveKey?: string;

  @ApiPropertyOptional({ description: 'Starting on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  startFrom?: string;

  @ApiPropertyOptional({ description: 'Starting on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  startTo?: string;

  @ApiPropertyOptional({ description: 'Words in the name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_SORTS, default: '-startDate' })
  @IsOptional()
  @IsIn(CAMPAIGN_SORTS)
  sort: (typeof CAMPAIGN_SORTS)[number] = '-startDate';
}

export class ListCampaignsDto extends IntersectionType(PageQueryDto, CampaignFilterDto) {}
export class ExportCampaignsDto extends IntersectionType(ExportFormatDto, CampaignFilterDto) {}

export class ContactFilterDto {
  @ApiPropertyOptional({ enum: ContactGroup })
  @IsOptional()
  @IsIn(Object.values(ContactGroup))
  group?: ContactGroup;
}
export class ListContactsDto extends IntersectionType(PageQueryDto, ContactFilterDto) {}
export class ExportContactsDto extends IntersectionType(ExportFormatDto, ContactFilterDto) {}

export class ResponseInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  customerId: string;

  @ApiProperty({ enum: MARKETING_CHANNELS })
  @IsIn(MARKETING_CHANNELS)
  channel: MarketingChannel;

  @ApiProperty({ enum: RESPONSE_OUTCOMES })
  @IsIn(RESPONSE_OUTCOMES)
  outcome: ResponseOutcome;

  @ApiPropertyOptional({ example: '2027-01-12T10:00:00+08:00', description: 'Default: now; not in the future' })
  @IsOptional()
  @IsDateTimeWithOffset()
  at?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Revenue of a conversion, fen (only with outcome converted)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  revenueFen?: number;
}

/** One response (the fields of ResponseInputDto) or a batch `{responses: [...]}` (1–1,000). */
export class RecordResponsesDto {
  @ApiPropertyOptional({ type: [ResponseInputDto], description: 'A batch; leave out the single-response fields' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ResponseInputDto)
  responses?: ResponseInputDto[];

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o) => o.responses === undefined)
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @ValidateIf((o) => o.responses === undefined)
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional({ enum: RESPONSE_OUTCOMES })
  @ValidateIf((o) => o.responses === undefined)
  @IsIn(RESPONSE_OUTCOMES)
  outcome?: ResponseOutcome;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.responses === undefined && o.at !== undefined)
  @IsDateTimeWithOffset()
  at?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @ValidateIf((o) => o.responses === undefined && o.revenueFen !== undefined)
  @IsInt()
  @Min(0)
  revenueFen?: number;
}

export class ResponseFilterDto {
  @ApiPropertyOptional({ enum: RESPONSE_OUTCOMES })
  @IsOptional()
  @IsIn(RESPONSE_OUTCOMES)
  outcome?: ResponseOutcome;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @IsOptional()
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;
}
export class ListResponsesDto extends IntersectionType(PageQueryDto, ResponseFilterDto) {}

export class EvaluationQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 24, description: "Default: the campaign's evaluationMonths; ignored once the campaign is closed (the stored evaluation answers)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;
}

export class CampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ nullable: true }) methodId: string | null;
  @ApiProperty({ enum: MARKETING_CHANNELS }) channel: string;
  @ApiProperty({ nullable: true }) directiveOrigin: string | null;
  @ApiProperty({ nullable: true }) directiveKey: string | null;
  @ApiProperty({ nullable: true }) directiveVersion: number | null;
  @ApiProperty({ enum: ['segment', 'query'] }) targetKind: string;
  @ApiProperty({ nullable: true }) segmentDimension: string | null;
  @ApiProperty({ nullable: true }) segment: string | null;
  @ApiProperty({ nullable: true, example: '2026-12' }) segmentPeriod: string | null;
  @ApiProperty({ nullable: true }) customerQuery: Record<string, unknown> | null;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() evaluationMonths: number;
  @ApiProperty({ enum: CampaignStatus }) status: CampaignStatus;
  @ApiProperty({ nullable: true }) contactListAt: string | null;
  @ApiProperty({ description: 'Contact list sizes' }) contacts: { target: number; control: number };
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ContactListResultDto {
  @ApiProperty() campaignId: string;
  @ApiProperty() target: number;
  @ApiProperty() control: number;
  @ApiProperty() controlGroupPercent: number;
  @ApiProperty() builtAt: string;
}

export class ContactDto {
  @ApiProperty() customerId: string;
  @ApiProperty() name: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ description: 'Masked unless the caller may read personal data (then audited)' }) phone: string;
  @ApiProperty({ enum: ContactGroup }) group: string;
  @ApiProperty({ type: [String], description: 'Outcomes recorded so far' }) outcomes: string[];
  @ApiProperty() addedAt: string;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) items: ContactDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RecordResponsesResultDto {
  @ApiProperty({ description: 'Responses stored' }) recorded: number;
  @ApiProperty({ description: 'Already recorded (same customer, channel and outcome): ignored' }) duplicates: number;
}

export class ResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() customerId: string;
  @ApiProperty() channel: string;
  @ApiProperty() outcome: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true }) revenueFen: number | null;
  @ApiProperty() recordedBy: string;
}

export class ResponsePageDto {
  @ApiProperty({ type: [ResponseDto] }) items: ResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CampaignEvaluationDto {
  @ApiProperty() campaignId: string;
  @ApiProperty() code: string;
  @ApiProperty() months: number;
  @ApiProperty({ description: 'First billing month before the start month counted' }) beforeFrom: string;
  @ApiProperty({ description: 'The start month: first billing month counted as after' }) startMonth: string;
  @ApiProperty({ description: 'First billing month no longer counted' }) afterTo: string;
  @ApiProperty({ description: 'false while the after window has not ended' }) complete: boolean;
  @ApiProperty({ description: 'targeted, contacted, responded, converted, reportedRevenueFen, revenueBeforeFen, revenueAfterFen, reachRate, responseRate, conversionRate, revenueChangeFen, revenueChangePerCustomerFen' }) target: GroupEvaluation;
  @ApiProperty({ nullable: true, description: 'The same for the control group; null without one' }) control: GroupEvaluation | null;
  @ApiProperty({ description: 'conversionRate, revenuePerCustomerFen, incrementalRevenueFen of the target over the control group' }) uplift: Uplift;
  @ApiProperty({ description: 'true when this is the evaluation stored at closing' }) stored: boolean;
  @ApiProperty() evaluatedAt: string;
}
