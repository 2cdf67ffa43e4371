import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { AbnormalKind, AbnormalStatus, WATCH_SERVICES, WatchService } from '../customer-watch.constants';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class RunAbnormalRulesDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Day the run is for (city time zone): its billing month is evaluated. Today when absent.' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;
}

export class RunAbnormalRulesResultDto {
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty() customersEvaluated: number;
  @ApiProperty({ description: 'Conditions the rules found (new or already tracked)' }) findings: number;
  @ApiProperty({ description: 'New cases opened' }) opened: number;
  @ApiProperty({ description: 'Findings already tracked by a live (open / confirmed) case, or dismissed / closed for this period' }) alreadyTracked: number;
  @ApiProperty({ description: 'New cases per kind' }) byKind: Record<string, number>;
  @ApiProperty({ enum: ['customer_score', 'interim'], description: 'Where credit scores came from (interim formula when customer_score does not exist or has no credit score for the customer)' }) creditSource: string;
}

export const ABNORMAL_SORTS = ['detectedAt', '-detectedAt', 'kind', '-kind', 'period', '-period'] as const;

export class AbnormalFilterDto {
  @ApiPropertyOptional({ enum: AbnormalKind })
  @IsOptional()
  @IsEnum(AbnormalKind)
  kind?: AbnormalKind;

  @ApiPropertyOptional({ enum: WATCH_SERVICES })
  @IsOptional()
  @IsIn(WATCH_SERVICES)
  service?: WatchService;

  @ApiPropertyOptional({ enum: AbnormalStatus })
  @IsOptional()
  @IsEnum(AbnormalStatus)
  status?: AbnormalStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Billing month evaluated' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: ABNORMAL_SORTS, default: '-detectedAt' })
  @IsOptional()
  @IsIn(ABNORMAL_SORTS)
  sort: (typeof ABNORMAL_SORTS)[number] = '-detectedAt';
}

export class ListAbnormalCasesDto extends IntersectionType(PageQueryDto, AbnormalFilterDto) {}
export class ExportAbnormalCasesDto extends IntersectionType(ExportFormatDto, AbnormalFilterDto) {}

export class UpdateAbnormalCaseDto {
  @ApiProperty({ enum: [AbnormalStatus.Confirmed, AbnormalStatus.Dismissed, AbnormalStatus.Closed], description: 'open → confirmed | dismissed; confirmed → closed (confirmed normal again)' })
  @IsEnum(AbnormalStatus)
  status: AbnormalStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class AbnormalEventDto {
  @ApiProperty({ nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}

export class AbnormalCaseDto {
  @ApiProperty() id: string;
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ enum: AbnormalKind }) kind: AbnormalKind;
  @ApiProperty({ enum: WATCH_SERVICES }) service: WatchService;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty() detectedAt: string;
  @ApiProperty() detectedBy: string;
  @ApiProperty() evidence: Record<string, unknown>;
  @ApiProperty({ enum: AbnormalStatus }) status: AbnormalStatus;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: [AbnormalEventDto], description: 'Only on GET /:id and PATCH' }) history?: AbnormalEventDto[];
}

export class AbnormalCasePageDto {
  @ApiProperty({ type: [AbnormalCaseDto] }) items: AbnormalCaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
