import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CustomerType } from '../customer.constants';

export class SearchCustomersDto {
  @ApiProperty({ example: '王芳', description: 'Part of a name, a phone-number prefix, or an ID-number prefix (6+ characters)' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  q: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}

export class CustomerHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CustomerType }) customerType: CustomerType;
  @ApiProperty() districtCode: string;
  @ApiProperty({ description: 'Masked unless the caller may see personal data' }) phone: string;
  @ApiProperty({ description: 'Always masked in search results' }) idNumber: string;
  @ApiProperty({ enum: ['name', 'phone', 'idNumber'], description: 'What matched' }) matchedOn: 'name' | 'phone' | 'idNumber';
  @ApiProperty({ description: 'Relevance 0–1 (name similarity; 1 for exact prefix matches)' }) score: number;
}

export class CustomerSearchResultDto {
  @ApiProperty({ type: [CustomerHitDto] }) items: CustomerHitDto[];
}
