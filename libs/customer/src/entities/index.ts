export * from './customer.entity';
