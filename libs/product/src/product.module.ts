import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductController } from './product.controller';
import { ProductEntities } from './product.entities';

/** 業務信息: the product catalogue and customers' subscriptions. */
@Module({ imports: [TypeOrmModule.forFeature(ProductEntities)], controllers: [ProductController] })
export class ProductModule {}
