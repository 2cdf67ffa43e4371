import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerController } from './customer.controller';
import { CustomerFactsProducer } from './customer-facts.producer';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';
import { CustomerEntities } from './customer.entities';
import { ProductController } from './product.controller';

/** City system of record for customers (客戶信息管理) and the facts they roll up as. */
@Module({
  imports: [TypeOrmModule.forFeature(CustomerEntities)],
  controllers: [CustomerController, ProductController],
  providers: [CustomerRepository, CustomerService, CustomerFactsProducer],
  exports: [CustomerService],
})
export class CustomerModule {}
