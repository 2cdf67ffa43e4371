import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { AbnormalCustomerService } from './abnormal.service';
import { CUSTOMER_WATCH_CONFIG, resolveCustomerWatchConfig } from './customer-watch.config';
import { AbnormalCustomerController, PotentialKeyAccountController } from './customer-watch.controller';
import { CustomerWatchEntities } from './customer-watch.entities';
import { CustomerWatchRepository } from './customer-watch.repository';
import { PotentialKeyAccountService } from './potential-key-account.service';
import { AbnormalFactsProducer, PotentialKeyAccountFactsProducer } from './customer-watch-facts.producer';

/** 異常客戶 and 潛在大客戶 (city). */
@Module({
  imports: [TypeOrmModule.forFeature(CustomerWatchEntities)],
  controllers: [AbnormalCustomerController, PotentialKeyAccountController],
  providers: [{ provide: CUSTOMER_WATCH_CONFIG, inject: [NODE_CONFIG], useFactory: (config: NodeConfig) => resolveCustomerWatchConfig(config.settings.customerWatch) }, CustomerWatchRepository, AbnormalCustomerService, PotentialKeyAccountService, AbnormalFactsProducer, PotentialKeyAccountFactsProducer],
  exports: [AbnormalCustomerService, PotentialKeyAccountService, CUSTOMER_WATCH_CONFIG],
})
export class CustomerWatchModule {}
