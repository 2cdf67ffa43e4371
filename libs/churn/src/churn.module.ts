import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ChurnController, CustomerChurnRiskController } from './churn.controller';
import { ChurnEntities } from './churn.entities';
import { CHURN_OPERATIONS_CONFIG, resolveChurnConfig } from './churn-records.constants';
import { ChurnRepository } from './churn.repository';
import { ChurnService } from './churn.service';
import { ChurnFactsProducer, ChurnRiskFactsProducer } from './churn-facts.producer';

/** 流失 (city): churn records and their detection, the churn-risk model and scores. Jobs run in ChurnWorkerModule. */
@Module({
  imports: [TypeOrmModule.forFeature(ChurnEntities)],
  controllers: [ChurnController, CustomerChurnRiskController],
  providers: [ChurnRepository, ChurnService, ChurnFactsProducer, ChurnRiskFactsProducer, { provide: CHURN_OPERATIONS_CONFIG, inject: [NODE_CONFIG], useFactory: (node: NodeConfig) => resolveChurnConfig(node.settings.churn) }],
  exports: [ChurnService, CHURN_OPERATIONS_CONFIG],
})
export class ChurnModule {}
