export * from './entities';
export * from './promotion.constants';
export * from './promotion.entities';
export * from './promotion.module';
