import { BullModule } from '@nestjs/bullmq';
import { FactoryProvider, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { QueueName } from '@crm/queue';
import { resolveScoringConfig, SCORING_CONFIG } from './scoring.config';
import { ScoringController } from './scoring.controller';
import { ScoringEntities } from './scoring.entities';
import { ScoringRepository } from './scoring.repository';
import { ScoringService } from './scoring.service';
import { ScoreFactsProducer } from './score-facts.producer';
import { ScoreRunRepository } from './score-run.repository';
import { ScoreRunsController } from './score-runs.controller';

/** The scoring configuration: defaults + CRM_SCORING_CONFIG(_FILE), validated when the module starts. */
export const scoringConfigProvider: FactoryProvider = {
  provide: SCORING_CONFIG,
  inject: [NODE_CONFIG],
  useFactory: (node: NodeConfig) => resolveScoringConfig(node.settings.scoring),
};

/**
 * 滿意度、忠誠度、信用度 (city): scores per customer and period with their history, surveys, and
 * red / grey / black credit lists. The configuration (defaults + CRM_SCORING_CONFIG or CRM_SCORING_CONFIG_FILE) is
 * validated when the module starts: a wrong file stops the node with the problems listed.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ScoringEntities), BullModule.registerQueue({ name: QueueName.Scoring })],
  controllers: [ScoringController, ScoreRunsController],
  providers: [
    scoringConfigProvider,
    ScoringRepository,
    ScoringService,
    ScoreFactsProducer,
    ScoreRunRepository,
  ],
  exports: [ScoringService, SCORING_CONFIG, ScoreRunRepository],
})
export class ScoringModule {}
