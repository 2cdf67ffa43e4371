import { Inject, Injectable, Logger } from '@nestjs/common';
import { systemActor } from '@crm/auth';
import { SegmentationService } from '@crm/segmentation';
import { SCORING_CONFIG, ScoringConfig } from '../scoring.config';
import { ScoringService } from '../scoring.service';
import { ScoreRunKind, ScoreRunRepository, ScoreRunRow } from '../score-run.repository';

/** What a run needs of its BullMQ job: an id, the progress saved by an earlier attempt, and a way to save it. */
export interface RunJob {
  id?: string;
  progress: unknown;
  updateProgress(progress: object): Promise<void>;
}

/** Saved after every batch; a retried attempt resumes after `lastCustomerId` of the same run. */
export interface RunProgress {
  runId: string;
  lastCustomerId: string | null;
  done: number;
  written: number;
}

export interface RunResult {
  runId: string;
  kind: ScoreRunKind;
  period: string;
  customers: number;
  written: number;
  batches: number;
  resumedAfter: string | null;
}

const asProgress = (p: unknown): RunProgress | null =>
  p && typeof p === 'object' && typeof (p as RunProgress).runId === 'string' ? (p as RunProgress) : null;

/**
 * Score recomputation runs: walks the customers (all of them, or those whose inputs changed since
 * the previous successful run) by keyset over customer.id, batch by batch, recomputing the scores
 * and then the segments of each batch. Progress is saved after every batch, so a retried job
 * resumes; unchanged values write nothing, so repeating a batch is harmless.
 */
/** Rows written by a run from which it refreshes the statistics of the tables it wrote. */
const ANALYZE_AFTER_WRITTEN = 1_000;

@Injectable()
export class ScoreRunService {
  private readonly logger = new Logger(ScoreRunService.name);

  constructor(
    private readonly runs: ScoreRunRepository,
    private readonly scoring: ScoringService,
    private readonly segmentation: SegmentationService,
    @Inject(SCORING_CONFIG) private readonly cfg: ScoringConfig,
  ) {}

  async run(kind: ScoreRunKind, job: RunJob, correlationId: string): Promise<RunResult> {
    const saved = asProgress(job.progress);
    let run: ScoreRunRow | null = saved ? await this.runs.find(saved.runId) : null;
    if (run?.finished_at) return { runId: run.id, kind, period: run.period, customers: run.customers, written: run.written, batches: 0, resumedAfter: null };
    if (!run) run = await this.runs.start(kind, job.id ?? null, this.scoring.currentPeriod(), 'system');
    const resumedAfter = saved && run.id === saved.runId ? saved.lastCustomerId : null;
    let after = resumedAfter;
    let done = resumedAfter ? saved!.done : 0;
    let written = resumedAfter ? saved!.written : 0;
    let batches = 0;
    const size = this.cfg.jobs.batchSize;
    const actor = systemActor(`${correlationId}-${job.id ?? 'direct'}`);
    const since = run.since;
    for (;;) {
      const ids =
        kind === 'full' || since == null
          ? await this.runs.nextCustomerIds(after, size)
          : await this.runs.nextChangedCustomerIds(since, run.watermark, after, size);
      if (!ids.length) break;
      const r = await this.scoring.recomputeBatch(ids, run.period, actor.username);
      // segments depend on the scores: the same customers, same period
      await this.segmentation.recompute({ period: run.period, customerIds: ids }, actor);
      after = ids[ids.length - 1];
      done += ids.length;
      written += r.written;
      batches += 1;
      await this.runs.progress(run.id, after, done, written);
      await job.updateProgress({ runId: run.id, lastCustomerId: after, done, written } satisfies RunProgress);
      if (ids.length < size) break;
    }
    await this.runs.finish(run.id, done, written);
    // a run that wrote many rows leaves the planner's statistics behind (autovacuum analyses later):
    // the next run's set-based statements would be planned for the tables as they were before
    if (written >= ANALYZE_AFTER_WRITTEN) await this.runs.analyzeScoreTables();
    this.logger.log({ runId: run.id, kind, customers: done, written, resumedAfter }, 'Score recomputation run finished');
    return { runId: run.id, kind, period: run.period, customers: done, written, batches, resumedAfter };
  }
}
