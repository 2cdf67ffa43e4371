import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';
import { NotificationRecipient, SlaClock, SlaNotificationKind } from '../service.constants';

export class SlaCheckDto {
  @ApiPropertyOptional({ example: '2026-12-01T10:00:00+08:00', description: 'Instant the check is made for (default now); for tests and operations' })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;
}

export class SlaCheckResultDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ description: 'Open requests examined: those whose running clock may be near or past its target' }) examined: number;
  @ApiProperty({ description: 'Near-breach findings new in this run (per clock)' }) nearBreaches: number;
  @ApiProperty({ description: 'Breaches new in this run (per clock)' }) breaches: number;
  @ApiProperty({ description: 'Requests escalated in this run' }) escalated: number;
  @ApiProperty({ description: 'Notification rows written' }) notifications: number;
}

export class NotificationFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') requestId?: string;
  @ApiPropertyOptional({ enum: SlaNotificationKind }) @IsOptional() @IsEnum(SlaNotificationKind) kind?: SlaNotificationKind;
  @ApiPropertyOptional({ enum: SlaClock }) @IsOptional() @IsEnum(SlaClock) clock?: SlaClock;
  @ApiPropertyOptional({ enum: NotificationRecipient }) @IsOptional() @IsEnum(NotificationRecipient) recipient?: NotificationRecipient;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') recipientStaffId?: string;
}

export class ListNotificationsDto extends IntersectionType(PageQueryDto, NotificationFilterDto) {}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ enum: SlaClock }) clock: SlaClock;
  @ApiProperty({ enum: SlaNotificationKind }) kind: SlaNotificationKind;
  @ApiProperty({ enum: NotificationRecipient }) recipient: NotificationRecipient;
  @ApiProperty({ nullable: true }) recipientStaffId: string | null;
  @ApiProperty({ nullable: true }) recipientDepartmentCode: string | null;
  @ApiProperty() at: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() elapsedMinutes: number;
  @ApiProperty() targetMinutes: number;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
