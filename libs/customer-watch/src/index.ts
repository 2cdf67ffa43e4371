export * from './entities';
export * from './customer-watch.constants';
export * from './customer-watch.config';
export * from './customer-watch.entities';
export * from './customer-watch.module';
export * from './customer-watch-worker.module';
export { AbnormalCustomerService } from './abnormal.service';
export { PotentialKeyAccountService } from './potential-key-account.service';
export { AbnormalFactsProducer, PotentialKeyAccountFactsProducer } from './customer-watch-facts.producer';
