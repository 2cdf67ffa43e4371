import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { ContactChannel } from '../base-config.constants';
import { VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateStaffContactRecordDto {
  @ApiProperty({ example: '2026-03-02T10:30:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'contactedAt must be an ISO 8601 date-time' })
  contactedAt: string;

  @ApiProperty({ enum: ContactChannel, example: ContactChannel.Visit })
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @ApiProperty({ example: '广州恒信科技股份有限公司 王经理', maxLength: 100, description: '聯繫對象' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  counterpart: string;

  @ApiProperty({ example: '走访了解宽带扩容需求，约定下周报价', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  summary: string;
}

/** PATCH body: any of the fields and the `version` read (409 when stale). */
export class UpdateStaffContactRecordDto extends IntersectionType(PartialType(CreateStaffContactRecordDto), VersionedChangeDto) {}

export class ListStaffContactRecordsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ContactChannel })
  @IsOptional()
  @IsEnum(ContactChannel)
  channel?: ContactChannel;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00', description: 'Contacted at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+08:00', description: 'Contacted before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The list's filters without pagination, and the format: GET …/contact-records/export. */
export class ExportStaffContactRecordsDto extends IntersectionType(OmitType(ListStaffContactRecordsDto, ['page', 'pageSize'] as const), ExportFormatDto) {}

/** The filters shared by the list and the export. */
export type StaffContactRecordFilter = Pick<ListStaffContactRecordsDto, 'channel' | 'from' | 'to'>;

export class StaffContactRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() contactedAt: string;
  @ApiProperty({ enum: ContactChannel }) channel: ContactChannel;
  @ApiProperty() counterpart: string;
  @ApiProperty() summary: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class StaffContactRecordPageDto {
  @ApiProperty({ type: [StaffContactRecordDto] }) items: StaffContactRecordDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
