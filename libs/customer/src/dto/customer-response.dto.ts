import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AcquisitionChannel, CustomerType, Education, Gender, IdType, KeyAccountLevel, RelationshipType, ResidentialSubClass } from '../customer.constants';

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
  @ApiProperty({ description: 'Whether personal data in this response is masked' }) personalDataMasked: boolean;
  @ApiProperty({ example: 'active' }) status: string;
  @ApiPropertyOptional({ enum: ResidentialSubClass, nullable: true }) subClass: ResidentialSubClass | null;
  @ApiPropertyOptional({ nullable: true }) occupation: string | null;
  @ApiPropertyOptional({ nullable: true }) industryCode: string | null;
  @ApiPropertyOptional({ enum: Education, nullable: true }) education: Education | null;
  @ApiProperty({ type: [String] }) interests: string[];
  @ApiPropertyOptional({ nullable: true, description: 'Masked unless the caller holds customer:personal-data' }) contactPhone: string | null;
  @ApiPropertyOptional({ nullable: true }) homeAddress: string | null;
  @ApiPropertyOptional({ nullable: true }) companyAddress: string | null;
  @ApiPropertyOptional({ nullable: true }) legalPersonName: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Masked unless the caller holds customer:personal-data' }) legalPersonIdNumber: string | null;
  @ApiPropertyOptional({ enum: KeyAccountLevel, nullable: true }) keyAccountLevel: KeyAccountLevel | null;
  @ApiPropertyOptional({ enum: RelationshipType, nullable: true }) relationshipType: RelationshipType | null;
  @ApiPropertyOptional({ nullable: true }) environmentNotes: string | null;
  @ApiPropertyOptional({ nullable: true }) levelCode: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Business hall (受理營業廳)' }) hallCode: string | null;
  @ApiPropertyOptional({ enum: AcquisitionChannel, nullable: true, description: 'Acquisition channel (發展渠道)' }) acquisitionChannel: AcquisitionChannel | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) accountManagerId: string | null;
  @ApiProperty({ type: 'integer', description: 'Optimistic-lock version: send it back with PATCH' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerResponseDto] }) items: CustomerResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class StatusChangeDto {
  @ApiPropertyOptional({ nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty() changedAt: string;
  @ApiProperty() changedBy: string;
}
