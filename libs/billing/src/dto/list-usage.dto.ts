import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';
import { CallType, ServiceKind, UsageDirection } from '../billing.constants';

/** Usage is partitioned by month: every query names its time window (at most 366 days). */
export class UsageFilterDto {
  @ApiProperty({ example: '2026-11-01T00:00:00+08:00', description: 'Started at or after: a date-time with offset, or a date (midnight in the city)' })
  @IsIsoDateTime()
  from: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+08:00', description: 'Started before: a date-time with offset, or a date (midnight in the city)' })
  @IsIsoDateTime()
  to: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: ServiceKind })
  @IsOptional()
  @IsEnum(ServiceKind)
  service?: ServiceKind;

  @ApiPropertyOptional({ enum: CallType })
  @IsOptional()
  @IsEnum(CallType)
  callType?: CallType;

  @ApiPropertyOptional({ enum: UsageDirection })
  @IsOptional()
  @IsEnum(UsageDirection)
  direction?: UsageDirection;
}

export class ListUsageDto extends IntersectionType(PageQueryDto, UsageFilterDto) {}
