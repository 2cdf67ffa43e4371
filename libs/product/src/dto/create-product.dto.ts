import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PRODUCT_CODE_PATTERN, ProductCategory } from '../product.constants';
import { IsOptionalNotNull } from '@crm/platform';

export class CreateProductDto {
  @ApiProperty({ example: 'MOB-5G-129', description: 'Catalogue code (upper-case letters, digits, -); the key, fixed once created' })
  @Matches(PRODUCT_CODE_PATTERN, { message: 'code must be 1-32 upper-case letters, digits or -, starting with a letter or digit' })
  code: string;

  @ApiProperty({ example: '天翼5G畅享套餐129元', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ProductCategory, description: 'Fixed once created' })
  @IsEnum(ProductCategory)
  category: ProductCategory;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ default: true, description: 'On sale; only active products can be newly subscribed' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ type: 'integer', example: 12900, description: 'Standard monthly fee in fen (分), charged when a subscription has no price plan' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlyFeeFen: number;

  @ApiPropertyOptional({ type: [String], example: ['MOB-5G-129', 'BB-1000M'], description: 'Bundles only: the products it includes (none of them a bundle)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(PRODUCT_CODE_PATTERN, { each: true, message: 'each componentCodes entry must be a product code' })
  componentCodes?: string[];
}
