import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PartnerStatus, PartnerType, PHONE_PATTERN } from '../operations-info.constants';
import { BooleanQueryParam, IsCalendarDate, ResourceQueryDto, VersionedChangeDto } from '../resource/resource-query.dto';

export class CreatePartnerDto {
  @ApiProperty({ example: '广州恒信通信服务有限公司', maxLength: 100, description: 'Unique' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: PartnerType, description: '代理商 / 內容提供商 / 設備供應商 / 渠道 / 服務外包 / 其他' })
  @IsEnum(PartnerType, { message: `type must be one of ${Object.values(PartnerType).join(', ')}` })
  type: PartnerType;

  @ApiPropertyOptional({ example: '王经理', maxLength: 50, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPerson?: string | null;

  @ApiPropertyOptional({ example: '13912345678', nullable: true, description: 'Answered masked unless the caller holds customer:personal-data' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'contactPhone must be an 11-digit mobile or a fixed line with its area code' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: '天河区宽带代理销售与装维', maxLength: 1000, nullable: true, description: '合作範圍' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cooperationScope?: string | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true })
  @IsOptional()
  @IsCalendarDate('contractFrom')
  contractFrom?: string | null;

  @ApiPropertyOptional({ example: '2027-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate('contractTo')
  contractTo?: string | null;

  @ApiPropertyOptional({ enum: PartnerStatus, default: PartnerStatus.Active })
  @IsOptional()
  @IsEnum(PartnerStatus, { message: `status must be one of ${Object.values(PartnerStatus).join(', ')}` })
  status?: PartnerStatus;
}

export class UpdatePartnerDto extends IntersectionType(PartialType(CreatePartnerDto), VersionedChangeDto) {}

export const PARTNER_SORTS = ['name', '-name', 'contractTo', '-contractTo', 'createdAt', '-createdAt'] as const;

export class ListPartnerDto extends ResourceQueryDto {
  @ApiPropertyOptional({ enum: PartnerType })
  @IsOptional()
  @IsEnum(PartnerType, { message: `type must be one of ${Object.values(PartnerType).join(', ')}` })
  type?: PartnerType;

  @ApiPropertyOptional({ enum: PartnerStatus })
  @IsOptional()
  @IsEnum(PartnerStatus, { message: `status must be one of ${Object.values(PartnerStatus).join(', ')}` })
  status?: PartnerStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'true: today is within the contract period (node time zone)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  underContract?: boolean;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Contract ends on or before this date (renewals due)' })
  @IsOptional()
  @IsCalendarDate('contractEndsBy')
  contractEndsBy?: string;

  @ApiPropertyOptional({ enum: PARTNER_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(PARTNER_SORTS)
  sort: (typeof PARTNER_SORTS)[number] = 'name';
}

export class PartnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PartnerType }) type: PartnerType;
  @ApiPropertyOptional({ nullable: true }) contactPerson: string | null;
  @ApiPropertyOptional({ nullable: true, example: '139****5678', description: 'Masked unless the caller holds customer:personal-data' }) contactPhone: string | null;
  @ApiProperty({ description: 'Whether contactPhone is masked in this response' }) personalDataMasked: boolean;
  @ApiPropertyOptional({ nullable: true }) cooperationScope: string | null;
  @ApiPropertyOptional({ nullable: true }) contractFrom: string | null;
  @ApiPropertyOptional({ nullable: true }) contractTo: string | null;
  @ApiProperty({ enum: PartnerStatus }) status: PartnerStatus;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
