export * from './data-source.factory';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './tier-schema.types';
export * from './database-error.util';
