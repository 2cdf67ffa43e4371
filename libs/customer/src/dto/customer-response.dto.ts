import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CustomerStatus, CustomerType, Gender, IdType } from '../customer.constants';

export class CustomerResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ nullable: true }) externalId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CustomerType }) customerType: CustomerType;
  @ApiPropertyOptional({ enum: Gender, nullable: true }) gender: Gender | null;
  @ApiPropertyOptional({ nullable: true, example: '1985-04-12' }) birthDate: string | null;
  @ApiProperty({ example: '440106' }) districtCode: string;
  @ApiProperty({ example: '天河區' }) districtName: string;
  @ApiPropertyOptional({ nullable: true }) address: string | null;
  @ApiProperty({ example: '138****8000', description: 'Masked unless the caller holds customer:personal-data' }) phone: string;
  @ApiProperty({ enum: IdType }) idType: IdType;
  @ApiProperty({ example: '440106********123X', description: 'Masked unless the caller holds customer:personal-data' }) idNumber: string;
  @ApiProperty({ description: 'Whether phone and idNumber are masked in this response' }) personalDataMasked: boolean;
  @ApiProperty({ enum: CustomerStatus }) status: CustomerStatus;
  @ApiProperty({ type: 'integer', description: 'Optimistic-lock version' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerResponseDto] }) items: CustomerResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
