import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { ProductCategory } from '../product.constants';

export const PRODUCT_SORTS = ['code', '-code', 'name', '-name', 'monthlyFeeFen', '-monthlyFeeFen'] as const;

/** `true`/`false` in a query string to a boolean; anything else stays as is and fails @IsBoolean. */
export const booleanQuery = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ProductFilterDto {
  @ApiPropertyOptional({ enum: ProductCategory })
  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'Prefix of the product name', example: '天翼5G' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  namePrefix?: string;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort: (typeof PRODUCT_SORTS)[number] = 'code';
}

export class ListProductsDto extends IntersectionType(PageQueryDto, ProductFilterDto) {}

export class ExportProductsDto extends IntersectionType(ExportFormatDto, ProductFilterDto) {}
