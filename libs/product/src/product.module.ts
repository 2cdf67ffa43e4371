import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerSubscriptionController } from './customer-subscription.controller';
import { ProductController } from './product.controller';
import { ProductEntities } from './product.entities';
import { ProductHoldersFactsProducer, ProductPairsFactsProducer } from './product-facts.producer';
import { ProductRepository } from './product.repository';
import { ProductService } from './product.service';
import { SubscriptionController } from './subscription.controller';
import { SubscriptionImportTarget } from './subscription-import-target';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionService } from './subscription.service';

/** 業務信息: the product catalogue with price plans and bundles, customers' subscriptions, and the subscriptions import target. */
@Module({
  imports: [TypeOrmModule.forFeature(ProductEntities)],
  controllers: [ProductController, SubscriptionController, CustomerSubscriptionController],
  providers: [ProductRepository, ProductService, SubscriptionRepository, SubscriptionService, SubscriptionImportTarget, ProductHoldersFactsProducer, ProductPairsFactsProducer],
  exports: [ProductService, SubscriptionService, SubscriptionImportTarget],
})
export class ProductModule {}
