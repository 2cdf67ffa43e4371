import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProductCategory } from '../product.constants';
import { PricePlanResponseDto } from './price-plan-response.dto';

export class ProductComponentDto {
  @ApiProperty({ example: 'BB-1000M' }) code: string;
  @ApiProperty({ example: '千兆光纤宽带' }) name: string;
  @ApiProperty({ enum: ProductCategory }) category: ProductCategory;
}

export class ProductResponseDto {
  @ApiProperty({ example: 'MOB-5G-129' }) code: string;
  @ApiProperty({ example: '天翼5G畅享套餐129元' }) name: string;
  @ApiProperty({ enum: ProductCategory }) category: ProductCategory;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', description: 'Standard monthly fee in fen (分)' }) monthlyFeeFen: number;
  @ApiProperty({ type: [ProductComponentDto], description: 'Bundles: the products included; empty otherwise' }) components: ProductComponentDto[];
  @ApiProperty({ type: [PricePlanResponseDto], description: 'Its price plans (資費套餐), by code' }) pricePlans: PricePlanResponseDto[];
  @ApiProperty({ type: 'integer', description: 'Optimistic-lock version' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductResponseDto] }) items: ProductResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
