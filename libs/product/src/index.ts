export * from './entities/product.entity';
export * from './entities/subscription.entity';
export * from './product.constants';
export * from './product.entities';
export * from './product.module';
