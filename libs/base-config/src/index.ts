export * from './base-config.constants';
export * from './base-config.entities';
export * from './entities';
export * from './base-config.module';
