import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { OperationsRole, REGION_CODE_PATTERN } from '../operations-info.constants';
import { BooleanQueryParam, ResourceQueryDto, VersionedChangeDto } from '../resource/resource-query.dto';

export class CreateOperationsStaffDto {
  @ApiProperty({ format: 'uuid', description: 'The base-config staff member (員工) this profile is for; one profile per member' })
  @IsUUID('all', { message: 'staffId must be a UUID' })
  staffId: string;

  @ApiProperty({ enum: OperationsRole, description: 'staff (經營人員) or manager (經營管理者)' })
  @IsEnum(OperationsRole, { message: `role must be one of ${Object.values(OperationsRole).join(', ')}` })
  role: OperationsRole;

  @ApiPropertyOptional({ example: '负责天河区政企市场经营分析', maxLength: 1000, nullable: true, description: '職責' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  responsibilities?: string | null;

  @ApiPropertyOptional({ example: '440106', nullable: true, description: '負責區域: a district of the city; null = the whole city' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'districtCode must be a 6-digit GB/T 2260 code' })
  districtCode?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Staff id of the manager reported to (who must have a manager profile)' })
  @IsOptional()
  @IsUUID('all', { message: 'managerStaffId must be a UUID' })
  managerStaffId?: string | null;
}

export class UpdateOperationsStaffDto extends IntersectionType(PartialType(OmitType(CreateOperationsStaffDto, ['staffId'] as const)), VersionedChangeDto) {}

export const OPERATIONS_STAFF_SORTS = ['employeeNo', '-employeeNo', 'name', '-name', 'role', '-role', 'createdAt', '-createdAt'] as const;

export class ListOperationsStaffDto extends ResourceQueryDto {
  @ApiPropertyOptional({ enum: OperationsRole })
  @IsOptional()
  @IsEnum(OperationsRole, { message: `role must be one of ${Object.values(OperationsRole).join(', ')}` })
  role?: OperationsRole;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'districtCode must be a 6-digit GB/T 2260 code' })
  districtCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct reports of this manager' })
  @IsOptional()
  @IsUUID('all', { message: 'managerStaffId must be a UUID' })
  managerStaffId?: string;

  @ApiPropertyOptional({ example: 'MKT', description: 'Department of the staff member' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/, { message: 'departmentCode must be 1-16 letters, digits, _ or -' })
  departmentCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Whether the staff member is active (在職)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: OPERATIONS_STAFF_SORTS, default: 'employeeNo' })
  @IsOptional()
  @IsIn(OPERATIONS_STAFF_SORTS)
  sort: (typeof OPERATIONS_STAFF_SORTS)[number] = 'employeeNo';
}

/** The staff reporting to a manager: direct reports, or the whole line below with `indirect=true`. */
export class ListReportsDto extends OmitType(ListOperationsStaffDto, ['managerStaffId'] as const) {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: everyone below in the reporting line, not only direct reports' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  indirect?: boolean;
}

export class OperationsStaffDto {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ example: '4401000001' }) employeeNo: string;
  @ApiProperty({ example: '陈晓明' }) name: string;
  @ApiProperty({ example: 'MKT' }) departmentCode: string;
  @ApiPropertyOptional({ nullable: true, description: '職務 from the staff profile' }) title: string | null;
  @ApiProperty({ description: 'Whether the staff member is active (在職)' }) active: boolean;
  @ApiProperty({ enum: OperationsRole }) role: OperationsRole;
  @ApiPropertyOptional({ nullable: true }) responsibilities: string | null;
  @ApiPropertyOptional({ nullable: true }) districtCode: string | null;
  @ApiPropertyOptional({ nullable: true }) districtName: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) managerStaffId: string | null;
  @ApiPropertyOptional({ nullable: true }) managerName: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
