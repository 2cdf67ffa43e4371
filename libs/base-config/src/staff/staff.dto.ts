import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE_PATTERN, MOBILE_PATTERN, StaffGender } from '../base-config.constants';
import { BooleanQueryParam, ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateStaffDto {
  @ApiProperty({ example: '4401000001', description: '工號: letters, digits and -; at most 20; unique' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/, { message: 'employeeNo must be 1-20 letters, digits or -' })
  employeeNo: string;

  @ApiProperty({ example: '陈晓明', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ enum: StaffGender, nullable: true })
  @IsOptional()
  @IsEnum(StaffGender)
  gender?: StaffGender | null;

  @ApiProperty({ example: 'CS' })
  @Matches(CODE_PATTERN, { message: 'departmentCode must be 1-16 letters, digits, _ or -' })
  departmentCode: string;

  @ApiPropertyOptional({ example: '客户经理', maxLength: 50, nullable: true, description: '職務' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string | null;

  @ApiPropertyOptional({ example: '负责政企客户走访与维系', maxLength: 500, nullable: true, description: '職責' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  duties?: string | null;

  @ApiPropertyOptional({ example: 'GZ-TH-01', nullable: true, description: 'Business hall the staff member works at' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'hallCode must be 1-16 letters, digits, _ or -' })
  hallCode?: string | null;

  @ApiProperty({ example: '18912345678', description: 'Answered masked unless the caller holds customer:personal-data' })
  @Matches(MOBILE_PATTERN, { message: 'mobile must be an 11-digit mainland mobile number' })
  mobile: string;

  @ApiPropertyOptional({ example: 'chenxm@gd.example.cn', maxLength: 100, nullable: true })
  @IsOptional()
  @MaxLength(100)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateStaffDto extends IntersectionType(PartialType(CreateStaffDto), VersionedChangeDto) {}

export const STAFF_SORTS = ['employeeNo', '-employeeNo', 'name', '-name', 'createdAt', '-createdAt'] as const;

export class ListStaffDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ example: 'CS' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'departmentCode must be 1-16 letters, digits, _ or -' })
  departmentCode?: string;

  @ApiPropertyOptional({ example: 'GZ-TH-01' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'hallCode must be 1-16 letters, digits, _ or -' })
  hallCode?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: STAFF_SORTS, default: 'employeeNo' })
  @IsOptional()
  @IsIn(STAFF_SORTS)
  sort: (typeof STAFF_SORTS)[number] = 'employeeNo';
}

export class StaffDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '4401000001' }) employeeNo: string;
  @ApiProperty({ example: '陈晓明' }) name: string;
  @ApiPropertyOptional({ enum: StaffGender, nullable: true }) gender: StaffGender | null;
  @ApiProperty({ example: 'CS' }) departmentCode: string;
  @ApiProperty({ example: '客户服务部' }) departmentName: string;
  @ApiPropertyOptional({ nullable: true }) title: string | null;
  @ApiPropertyOptional({ nullable: true }) duties: string | null;
  @ApiPropertyOptional({ nullable: true }) hallCode: string | null;
  @ApiPropertyOptional({ nullable: true }) hallName: string | null;
  @ApiProperty({ example: '189****5678', description: 'Masked unless the caller holds customer:personal-data' }) mobile: string;
  @ApiProperty({ description: 'Whether mobile is masked in this response' }) personalDataMasked: boolean;
  @ApiPropertyOptional({ nullable: true }) email: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
