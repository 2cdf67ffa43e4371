import { Module } from '@nestjs/common';
import { BillingModule } from '@crm/billing';
import { CustomerModule } from '@crm/customer';
import { ProductModule } from '@crm/product';
import { PromotionModule } from '@crm/promotion';
import { ScoringModule } from '@crm/scoring';
import { Customer360Controller } from './customer-360.controller';
import { Customer360Service } from './customer-360.service';

/** Read-side composition across the city's domains (customer 360°). */
@Module({ imports: [CustomerModule, ProductModule, BillingModule, PromotionModule, ScoringModule], controllers: [Customer360Controller], providers: [Customer360Service] })
export class CustomerViewModule {}
