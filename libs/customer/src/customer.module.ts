import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseConfigModule } from '@crm/base-config';
import { CustomerController } from './customer.controller';
import { CustomerFactsProducer } from './customer-facts.producer';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';
import { CustomerEntities } from './customer.entities';

/** City system of record for customers (客戶信息管理) and the facts they roll up as. */
@Module({
  imports: [TypeOrmModule.forFeature(CustomerEntities), BaseConfigModule],
  controllers: [CustomerController],
  providers: [CustomerRepository, CustomerService, CustomerFactsProducer],
  exports: [CustomerService],
})
export class CustomerModule {}
