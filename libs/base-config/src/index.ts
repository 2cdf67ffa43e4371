export * from './base-config.entities';
export * from './base-config.module';
export * from './entities/district.entity';
