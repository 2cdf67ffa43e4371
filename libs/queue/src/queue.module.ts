import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { REDIS_CLIENT } from './queue.constants';
import { redisOptionsFromUrl } from './redis-options.util';

/**
 * Redis for this node: BullMQ queues under the node's key prefix, and one shared client
 * (`REDIS_CLIENT`) for health checks and replay protection. Redis is never exposed across tiers.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.redisPrefix,
      }),
    }),
  ],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) =>
        new Redis({ ...redisOptionsFromUrl(config.redisUrl), keyPrefix: `${config.redisPrefix}:`, maxRetriesPerRequest: 1 }),
    },
  ],
  exports: [REDIS_CLIENT, BullModule],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
