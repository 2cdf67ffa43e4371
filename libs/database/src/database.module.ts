import { DynamicModule, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { dataSourceOptions, runMigrationsLocked } from './data-source.factory';
import { TierSchema } from './tier-schema.types';

const TIER_SCHEMA = Symbol('TIER_SCHEMA');

/** PostgreSQL for this node: TypeORM on the tier's schema, migrated at start (never synchronized). */
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(private readonly dataSource: DataSource) {}

  static forRoot(schema: TierSchema, role: 'api' | 'worker' | 'cli'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [NODE_CONFIG],
          useFactory: (config: NodeConfig) => ({
            ...dataSourceOptions(schema, config.databaseUrl, `crm-${config.node.code}-${role}`, config.timezone),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [{ provide: TIER_SCHEMA, useValue: schema }],
    };
  }

  async onModuleInit(): Promise<void> {
    const applied = await runMigrationsLocked(this.dataSource);
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
}


