import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { IsIn } from 'class-validator';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ScoreRunRepository, ScoreRunRow } from './score-run.repository';
import { SCORING_JOB_KEEP, SCORING_JOB_RETRY } from './jobs/scoring.scheduler';

export class StartScoreRunDto {
  @ApiProperty({ enum: ['full', 'incremental'] })
  @IsIn(['full', 'incremental'])
  mode!: 'full' | 'incremental';
}

export class ScoreRunQueuedDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: ['full', 'incremental'] }) mode!: string;
}

export class ScoreRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['full', 'incremental'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) jobId!: string | null;
  @ApiProperty({ example: '2026-12' }) period!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ description: 'Inputs changed up to this instant are covered by the run' }) watermark!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Incremental: inputs changed after this instant' }) since!: string | null;
  @ApiProperty() customers!: number;
  @ApiProperty() written!: number;
  @ApiProperty({ nullable: true, type: String }) lastCustomerId!: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const toDto = (r: ScoreRunRow): ScoreRunDto => ({
  id: r.id, kind: r.kind, jobId: r.job_id, period: r.period, startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), watermark: iso(r.watermark)!,
  since: iso(r.since), customers: r.customers, written: r.written, lastCustomerId: r.last_customer_id,
});

@ApiTags('scores')
@Controller('api/v1/scores/recompute-runs')
export class ScoreRunsController {
  constructor(
    private readonly runs: ScoreRunRepository,
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Queue a full or incremental score recomputation run (scores, then segments)' })
  @ApiAcceptedResponse({ type: ScoreRunQueuedDto })
  async start(@Body() dto: StartScoreRunDto, @Actor() actor: RequestActor): Promise<ScoreRunQueuedDto> {
    const name = dto.mode === 'full' ? JobName.RecomputeAllScores : JobName.RecomputeChangedScores;
    const data: JobPayloads[typeof name] = { correlationId: actor.requestId, requestedBy: actor.username };
    const job = await this.queue.add(name, data, { ...SCORING_JOB_KEEP, ...SCORING_JOB_RETRY });
    return { jobId: String(job.id), mode: dto.mode };
  }

  @Get()
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'The latest score recomputation runs (score_run), newest first' })
  @ApiOkResponse({ type: [ScoreRunDto] })
  async list(): Promise<ScoreRunDto[]> {
    return (await this.runs.list(100)).map(toDto);
  }
}
