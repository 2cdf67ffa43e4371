import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { CareGenerationService } from './care-generation.service';
import { CareTaskController } from './care-task.controller';
import { CareTaskRepository } from './care-task.repository';
import { CareTaskService } from './care-task.service';
import { OutageRepository } from './outage.repository';
import { OutageService } from './outage.service';
import { CareTaskFactsProducer, ServicePlanFactsProducer } from './service-care-facts.producer';
import { SERVICE_CARE_CONFIG, resolveServiceCareConfig } from './service-care.config';
import { ServiceCareEntities } from './service-care.entities';
import { ServiceOutageController } from './service-outage.controller';
import { ServicePlanController } from './service-plan.controller';
import { ServicePlanRepository } from './service-plan.repository';
import { ServicePlanService } from './service-plan.service';

/** 主動服務 / 客戶關懷 (care rules, care tasks, outages) and 服務方案 (service plans) of a city. */
@Module({
  imports: [TypeOrmModule.forFeature(ServiceCareEntities)],
  controllers: [CareTaskController, ServicePlanController, ServiceOutageController],
  providers: [
    { provide: SERVICE_CARE_CONFIG, inject: [NODE_CONFIG], useFactory: (config: NodeConfig) => resolveServiceCareConfig(config.settings.serviceCare) },
    CareTaskRepository,
    OutageRepository,
    ServicePlanRepository,
    CareTaskService,
    CareGenerationService,
    OutageService,
    ServicePlanService,
    CareTaskFactsProducer,
    ServicePlanFactsProducer,
  ],
  exports: [CareGenerationService, CareTaskService, ServicePlanService, OutageService, SERVICE_CARE_CONFIG],
})
export class ServiceCareModule {}
