import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProductCategory, SubscriptionStatus } from '../product.constants';

export class SubscriptionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ nullable: true }) externalId: string | null;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '王芳' }) customerName: string;
  @ApiProperty({ example: 'MOB-5G-129' }) productCode: string;
  @ApiProperty() productName: string;
  @ApiProperty({ enum: ProductCategory }) category: ProductCategory;
  @ApiPropertyOptional({ nullable: true }) pricePlanCode: string | null;
  @ApiPropertyOptional({ nullable: true }) pricePlanName: string | null;
  @ApiProperty({ example: '189****5678', description: 'Masked unless the caller holds customer:personal-data' }) serviceNumber: string;
  @ApiPropertyOptional({ nullable: true }) circuitId: string | null;
  @ApiProperty({ enum: SubscriptionStatus }) status: SubscriptionStatus;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'Set when terminated' }) endedAt: string | null;
  @ApiProperty({ description: 'Whether serviceNumber is masked in this response' }) personalDataMasked: boolean;
  @ApiProperty({ type: 'integer', description: 'Optimistic-lock version' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class SubscriptionPageDto {
  @ApiProperty({ type: [SubscriptionResponseDto] }) items: SubscriptionResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
