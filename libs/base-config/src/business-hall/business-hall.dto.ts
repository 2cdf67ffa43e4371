import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE_PATTERN, DISTRICT_CODE_PATTERN, PHONE_PATTERN } from '../base-config.constants';
import { BooleanQueryParam, ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateBusinessHallDto {
  @ApiProperty({ example: 'GZ-TH-01', description: 'Letters, digits, _ and -; at most 16' })
  @Matches(CODE_PATTERN, { message: 'code must be 1-16 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '天河路营业厅', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '440106' })
  @Matches(DISTRICT_CODE_PATTERN, { message: 'districtCode must be a 6-digit district code' })
  districtCode: string;

  @ApiPropertyOptional({ example: '天河路 385 号', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string | null;

  @ApiPropertyOptional({ example: '020-38881234', nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or fixed-line number' })
  phone?: string | null;

  @ApiPropertyOptional({ example: '09:00-18:00', maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  openingHours?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateBusinessHallDto extends IntersectionType(PartialType(OmitType(CreateBusinessHallDto, ['code'] as const)), VersionedChangeDto) {}

export const BUSINESS_HALL_SORTS = ['code', '-code', 'name', '-name'] as const;

export class ListBusinessHallsDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(DISTRICT_CODE_PATTERN, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: BUSINESS_HALL_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(BUSINESS_HALL_SORTS)
  sort: (typeof BUSINESS_HALL_SORTS)[number] = 'code';
}

export class BusinessHallDto {
  @ApiProperty({ example: 'GZ-TH-01' }) code: string;
  @ApiProperty({ example: '天河路营业厅' }) name: string;
  @ApiProperty({ example: '440106' }) districtCode: string;
  @ApiProperty({ example: '天河区' }) districtName: string;
  @ApiPropertyOptional({ nullable: true }) address: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiPropertyOptional({ nullable: true }) openingHours: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}
