import { IsCalendarDate } from '@crm/platform';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, Validate } from 'class-validator';
import { Education, Gender } from '../customer.constants';
import { PHONE_PATTERN, ResidentIdFormat } from './create-customer.dto';

export class CreateContactDto {
  @ApiProperty({ example: '李明', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ enum: Gender }) @IsOptional() @IsEnum(Gender) gender?: Gender;
  @ApiPropertyOptional({ example: '1980-03-02' }) @IsOptional() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional({ example: '信息中心主任' }) @IsOptional() @IsString() @MaxLength(50) title?: string;
  @ApiPropertyOptional({ example: '信息中心' }) @IsOptional() @IsString() @MaxLength(50) department?: string;
  @ApiPropertyOptional({ example: '主任' }) @IsOptional() @IsString() @MaxLength(50) position?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiProperty({ example: '13912345678' }) @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or fixed-line number' }) phone: string;
  @ApiPropertyOptional({ description: 'Resident ID; stored hashed and encrypted' }) @IsOptional() @Validate(ResidentIdFormat) idNumber?: string;
  @ApiPropertyOptional({ enum: Education }) @IsOptional() @IsEnum(Education) education?: Education;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(30, { each: true }) interests?: string[];
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() isPrimary?: boolean;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {
  @ApiProperty({ type: 'integer', description: 'The version you read' }) @IsInt() @Min(1) version: number;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, enum: Gender }) gender: Gender | null;
  @ApiPropertyOptional({ nullable: true }) birthDate: string | null;
  @ApiPropertyOptional({ nullable: true }) title: string | null;
  @ApiPropertyOptional({ nullable: true }) department: string | null;
  @ApiPropertyOptional({ nullable: true }) position: string | null;
  @ApiPropertyOptional({ nullable: true }) address: string | null;
  @ApiProperty({ description: 'Masked unless the caller may see personal data' }) phone: string;
  @ApiPropertyOptional({ nullable: true, description: 'Masked unless the caller may see personal data' }) idNumber: string | null;
  @ApiPropertyOptional({ nullable: true, enum: Education }) education: Education | null;
  @ApiProperty({ type: [String] }) interests: string[];
  @ApiProperty() isPrimary: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}
