import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ScoringModule } from '@crm/scoring';
import { ReturnVisitService } from './return-visit.service';
import { resolveServiceConfig, SERVICE_CONFIG } from './service.config';
import { ServiceEntities } from './service.entities';
import { ServiceFactsProducer, ServiceMonthFactsProducer } from './service-facts.producer';
import { ServiceRequestController } from './service-request.controller';
import { ServiceRequestLifecycle } from './service-request-lifecycle.service';
import { ServiceRequestRepository } from './service-request.repository';
import { ServiceRequestService } from './service-request.service';
import { ServiceSlaService } from './service-sla.service';

/**
 * 服務請求 (city): requests, lifecycle, first-contact ownership, assignment, SLAs, return visits.
 * The configuration (defaults + CRM_SERVICE_CONFIG or CRM_SERVICE_CONFIG_FILE) is validated when the module starts.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ServiceEntities), ScoringModule],
  controllers: [ServiceRequestController],
  providers: [
    { provide: SERVICE_CONFIG, inject: [NODE_CONFIG], useFactory: (node: NodeConfig) => resolveServiceConfig(node.settings.service) },
    ServiceRequestRepository,
    ServiceRequestLifecycle,
    ServiceRequestService,
    ServiceSlaService,
    ReturnVisitService,
    ServiceFactsProducer,
    ServiceMonthFactsProducer,
  ],
  exports: [ServiceRequestService, ServiceSlaService, SERVICE_CONFIG],
})
export class ServiceModule {}
