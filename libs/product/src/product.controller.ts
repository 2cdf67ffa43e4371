import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Permission, RequirePermissions } from '@crm/auth';
import { ProductCategory } from './product.constants';
import { Product } from './entities/product.entity';

export class ProductDto {
  @ApiProperty({ example: 'MOB-5G-129' }) code: string;
  @ApiProperty({ example: '5G 暢享 129 元套餐' }) name: string;
  @ApiProperty({ enum: ProductCategory }) category: ProductCategory;
  @ApiProperty({ type: 'integer', description: 'Monthly fee in fen (分)' }) monthlyFeeFen: number;
}

@ApiTags('products')
@Controller('api/v1/products')
export class ProductController {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'The product catalogue (業務信息)' })
  @ApiOkResponse({ type: [ProductDto] })
  async list(): Promise<ProductDto[]> {
    const rows = await this.products.find({ order: { category: 'ASC', code: 'ASC' } });
    return rows.map(({ code, name, category, monthlyFeeFen }) => ({ code, name, category, monthlyFeeFen }));
  }
}
