import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness: database and Redis status' })
  @ApiOkResponse({ description: 'Both up' })
  @ApiServiceUnavailableResponse({ description: 'Database or Redis down; the body says which' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult & { node: string; tier: string }> {
    const node = { node: this.config.node.code, tier: this.config.tier };
    try {
      const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.pingCheck('redis')]);
      return { ...result, ...node };
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      res.status(503);
      return { ...(err.getResponse() as HealthCheckResult), ...node };
    }
  }
}
