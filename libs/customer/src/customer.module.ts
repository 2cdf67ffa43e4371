import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseConfigModule } from '@crm/base-config';
import { CustomerContactController } from './customer-contact.controller';
import { CustomerContactService } from './customer-contact.service';
import { CustomerController } from './customer.controller';
import { CustomerChannelFactsProducer, CustomerFactsProducer } from './customer-facts.producer';
import { CustomerImportTarget } from './customer-import.target';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';
import { CustomerExportService } from './customer-export.service';
import { CustomerEntities } from './customer.entities';

/** City system of record for customers (客戶信息管理) and the facts they roll up as. */
@Module({
  imports: [TypeOrmModule.forFeature(CustomerEntities), BaseConfigModule],
  controllers: [CustomerController, CustomerContactController],
  providers: [CustomerRepository, CustomerService, CustomerContactService, CustomerExportService, CustomerFactsProducer, CustomerChannelFactsProducer, CustomerImportTarget],
  exports: [CustomerService, CustomerContactService],
})
export class CustomerModule {}
