import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CreatePricePlanDto } from './dto/create-price-plan.dto';
import { CreateProductDto } from './dto/create-product.dto';
import { ListPricePlansDto } from './dto/list-price-plans.dto';
import { ExportProductsDto, ListProductsDto } from './dto/list-products.dto';
import { PricePlanPageDto, PricePlanResponseDto } from './dto/price-plan-response.dto';
import { ProductPageDto, ProductResponseDto } from './dto/product-response.dto';
import { UpdatePricePlanDto } from './dto/update-price-plan.dto';
import { UpdateProductDto } from './dto/update-product.dto';
import { Product } from './entities';
import { ProductCodePipe } from './product-code.pipe';
import { ProductExportRow } from './product.repository';
import { ProductService } from './product.service';

const productCode = new ProductCodePipe('code');
const planCode = new ProductCodePipe('planCode');

/** 產品目錄: products, and their price plans (資費套餐) nested under /products/:code/price-plans. */
@ApiTags('products')
@Controller('api/v1/products')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ProductController {
  constructor(private readonly products: ProductService) {}

  @Post()
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Add a product to the catalogue (建立); bundles list their componentCodes' })
  @ApiCreatedResponse({ type: ProductResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'code already used' })
  create(@Body() dto: CreateProductDto, @Actor() actor: RequestActor): Promise<ProductResponseDto> {
    return this.products.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Query the catalogue (業務信息) by category, active and name prefix, paginated; each product with its components and price plans' })
  @ApiOkResponse({ type: ProductPageDto })
  list(@Query() query: ListProductsDto): Promise<ProductPageDto> {
    return this.products.list(query);
  }

  @Get('export')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Export or print the catalogue (導出 / 打印) with the same filters as the list' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() query: ExportProductsDto, @Res() res: Response): Promise<void> {
    await streamExport<ProductExportRow>(res, {
      format: query.format,
      title: '產品目錄 Products',
      filename: 'products',
      rows: streamRawRows<Product, ProductExportRow>(this.products.exportQuery(this.products.criteria(query))),
      columns: [
        { header: '產品編碼 Code', value: (r) => r.code, width: 16 },
        { header: '產品名稱 Name', value: (r) => r.name, width: 36 },
        { header: '類別 Category', value: (r) => r.category, width: 12 },
        { header: '在售 Active', value: (r) => r.active, width: 8 },
        { header: '標準月租(分) Monthly fee (fen)', value: (r) => Number(r.monthly_fee_fen), width: 14 },
        { header: '構成 Components', value: (r) => r.components, width: 30 },
        { header: '資費套餐 Price plans', value: (r) => r.price_plans, width: 40 },
        { header: '說明 Description', value: (r) => r.description, width: 40 },
        { header: '更新時間 Updated', value: (r) => r.updated_at, width: 22 },
      ],
    });
  }

  @Get(':code')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Read one product with its components and price plans' })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('code', productCode) code: string): Promise<ProductResponseDto> {
    return this.products.get(code);
  }

  @Patch(':code')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a product (修改): name, description, active, monthlyFeeFen, componentCodes; with the version read' })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  update(@Param('code', productCode) code: string, @Body() dto: UpdateProductDto, @Actor() actor: RequestActor): Promise<ProductResponseDto> {
    return this.products.update(code, dto, actor);
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Delete a product never subscribed and in no bundle (刪除), with its price plans; otherwise 409: withdraw it with active=false' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Subscribed, or a component of a bundle' })
  async remove(@Param('code', productCode) code: string, @Actor() actor: RequestActor): Promise<void> {
    await this.products.remove(code, actor);
  }

  @Post(':code/price-plans')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Add a price plan (資費套餐) to a product' })
  @ApiCreatedResponse({ type: PricePlanResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown product' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Plan code already used' })
  createPlan(@Param('code', productCode) code: string, @Body() dto: CreatePricePlanDto, @Actor() actor: RequestActor): Promise<PricePlanResponseDto> {
    return this.products.createPlan(code, dto, actor);
  }

  @Get(':code/price-plans')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: "A product's price plans, paginated; validOn keeps those on sale that day" })
  @ApiOkResponse({ type: PricePlanPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listPlans(@Param('code', productCode) code: string, @Query() query: ListPricePlansDto): Promise<PricePlanPageDto> {
    return this.products.listPlans(code, query);
  }

  @Get(':code/price-plans/:planCode')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Read one price plan of a product' })
  @ApiOkResponse({ type: PricePlanResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getPlan(@Param('code', productCode) code: string, @Param('planCode', planCode) plan: string): Promise<PricePlanResponseDto> {
    return this.products.getPlan(code, plan);
  }

  @Patch(':code/price-plans/:planCode')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a price plan (fee, allowances, validity), with the version read' })
  @ApiOkResponse({ type: PricePlanResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  updatePlan(
    @Param('code', productCode) code: string,
    @Param('planCode', planCode) plan: string,
    @Body() dto: UpdatePricePlanDto,
    @Actor() actor: RequestActor,
  ): Promise<PricePlanResponseDto> {
    return this.products.updatePlan(code, plan, dto, actor);
  }

  @Delete(':code/price-plans/:planCode')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Delete a price plan no subscription uses; otherwise 409: end it with validTo' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Used by subscriptions' })
  async removePlan(@Param('code', productCode) code: string, @Param('planCode', planCode) plan: string, @Actor() actor: RequestActor): Promise<void> {
    await this.products.removePlan(code, plan, actor);
  }
}
