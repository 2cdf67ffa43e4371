import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule, NodeConfig } from '@crm/config';
import { DatabaseModule, TierSchema } from '@crm/database';
import { AllExceptionsFilter, createValidationPipe } from '@crm/errors';
import { LoggingModule } from '@crm/logging';
import { QueueModule } from '@crm/queue';

export type ProcessRole = 'api' | 'worker' | 'cli';

/**
 * What every node process stands on: validated config, JSON logs, PostgreSQL (migrated),
 * Redis/BullMQ, and the global validation pipe and exception filter (as providers, so
 * tests built from the same modules get them too).
 */
@Module({})
export class CoreModule {
  static forRoot(config: NodeConfig, schema: TierSchema, role: ProcessRole): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule.forRoot(schema, role), QueueModule],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
