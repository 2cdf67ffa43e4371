export * from './customer.entity';
export * from './district.entity';
export * from './product.entity';
export * from './subscription.entity';
