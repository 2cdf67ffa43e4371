export * from './bundle-component.entity';
export * from './price-plan.entity';
export * from './product.entity';
export * from './subscription.entity';
