import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE_PATTERN, PHONE_PATTERN } from '../base-config.constants';
import { ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateServiceDepartmentDto {
  @ApiProperty({ example: 'CS', description: 'Letters, digits, _ and -; at most 16' })
  @Matches(CODE_PATTERN, { message: 'code must be 1-16 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '客户服务部', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'HQ', nullable: true, description: 'Parent department; null for a top-level one' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'parentCode must be 1-16 letters, digits, _ or -' })
  parentCode?: string | null;

  @ApiPropertyOptional({ example: '020-38880000', nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or fixed-line number' })
  phone?: string | null;
}

export class UpdateServiceDepartmentDto extends IntersectionType(PartialType(OmitType(CreateServiceDepartmentDto, ['code'] as const)), VersionedChangeDto) {}

export const SERVICE_DEPARTMENT_SORTS = ['code', '-code', 'name', '-name'] as const;

export class ListServiceDepartmentsDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ description: 'Only the direct sub-departments of this one' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'parentCode must be 1-16 letters, digits, _ or -' })
  parentCode?: string;

  @ApiPropertyOptional({ enum: SERVICE_DEPARTMENT_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(SERVICE_DEPARTMENT_SORTS)
  sort: (typeof SERVICE_DEPARTMENT_SORTS)[number] = 'code';
}

export class ServiceDepartmentDto {
  @ApiProperty({ example: 'CS' }) code: string;
  @ApiProperty({ example: '客户服务部' }) name: string;
  @ApiPropertyOptional({ nullable: true }) parentCode: string | null;
  @ApiPropertyOptional({ nullable: true }) parentName: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}
