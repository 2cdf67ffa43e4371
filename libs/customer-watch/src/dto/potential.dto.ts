import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { KEY_CUSTOMER_TYPES, KeyCustomerType, NOTE_CHANNELS, NoteChannel, PotentialStatus } from '../customer-watch.constants';
import { DAY_PATTERN } from './abnormal.dto';

export class GeneratePotentialDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Day the window ends in (its month included); today when absent' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;
}

export class GeneratePotentialResultDto {
  @ApiProperty({ example: '2026-01' }) windowFrom: string;
  @ApiProperty({ example: '2026-12' }) windowTo: string;
  @ApiProperty() bandFromFen: number;
  @ApiProperty() keyAccountThresholdFen: number;
  @ApiProperty({ description: 'Public customers in the band now' }) matched: number;
  @ApiProperty({ description: 'Newly listed' }) added: number;
  @ApiProperty({ description: 'Already listed as candidate / nurturing (amount refreshed)' }) refreshed: number;
  @ApiProperty({ description: 'Public customers at or above the key account threshold (not listed: promote them directly)' }) aboveThreshold: number;
}

export const POTENTIAL_SORTS = ['annualBilledFen', '-annualBilledFen', 'generatedAt', '-generatedAt'] as const;

export class PotentialFilterDto {
  @ApiPropertyOptional({ enum: PotentialStatus })
  @IsOptional()
  @IsEnum(PotentialStatus)
  status?: PotentialStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  ownerStaffId?: string;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ enum: POTENTIAL_SORTS, default: '-annualBilledFen' })
  @IsOptional()
  @IsIn(POTENTIAL_SORTS)
  sort: (typeof POTENTIAL_SORTS)[number] = '-annualBilledFen';
}

export class ListPotentialDto extends IntersectionType(PageQueryDto, PotentialFilterDto) {}
export class ExportPotentialDto extends IntersectionType(ExportFormatDto, PotentialFilterDto) {}

export class UpdatePotentialDto {
  @ApiPropertyOptional({ enum: [PotentialStatus.Candidate, PotentialStatus.Nurturing, PotentialStatus.Dropped], description: 'candidate ↔ nurturing, → dropped, dropped → candidate; promoted only by POST /:id/promote' })
  @IsOptional()
  @IsEnum(PotentialStatus)
  status?: PotentialStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Member of staff nurturing the customer; null clears' })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsUUID('4')
  ownerStaffId?: string | null;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CreateNoteDto {
  @ApiProperty({ enum: NOTE_CHANNELS })
  @IsIn(NOTE_CHANNELS)
  channel: NoteChannel;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note: string;

  @ApiPropertyOptional({ description: 'When the contact happened (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;
}

export class PromoteDto {
  @ApiPropertyOptional({ enum: KEY_CUSTOMER_TYPES, description: 'Default: key_individual for public_residential, key_enterprise for public_unit' })
  @IsOptional()
  @IsIn(KEY_CUSTOMER_TYPES)
  customerType?: KeyCustomerType;

  @ApiPropertyOptional({ type: 'integer', description: 'When given, must be the current version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class PotentialNoteDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
  @ApiProperty({ enum: NOTE_CHANNELS }) channel: string;
  @ApiProperty() note: string;
}

export class PotentialKeyAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty() annualBilledFen: number;
  @ApiProperty({ example: '2026-01' }) windowFrom: string;
  @ApiProperty({ example: '2026-12' }) windowTo: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ enum: PotentialStatus }) status: PotentialStatus;
  @ApiProperty({ nullable: true }) ownerStaffId: string | null;
  @ApiProperty({ nullable: true }) promotedAt: string | null;
  @ApiProperty({ nullable: true }) promotedTo: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [PotentialNoteDto], description: 'Only on GET /:id' }) notes?: PotentialNoteDto[];
}

export class PotentialPageDto {
  @ApiProperty({ type: [PotentialKeyAccountDto] }) items: PotentialKeyAccountDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
