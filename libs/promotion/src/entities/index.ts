export * from './promotion.entity';
export * from './promotion-customer.entity';
