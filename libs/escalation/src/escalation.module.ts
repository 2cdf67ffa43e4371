import { Module } from '@nestjs/common';
import { DirectivesModule } from '@crm/directives';
import { FederationModule } from '@crm/federation';
import { EscalationController, ServiceRequestEscalationController } from './escalation.controller';
import { EscalationMessageHandler, EscalationUpdateMessageHandler } from './escalation-message.handlers';
import { EscalationRepository } from './escalation.repository';
import { EscalationService } from './escalation.service';
import { ServiceIndicatorFactsProducer } from './indicators/service-indicators.producer';
import { ServiceIndicatorsController } from './indicators/service-indicators.controller';
import { ServiceIndicatorsService } from './indicators/service-indicators.service';
import { ServiceRequestChangeSubscriber } from './service-request-change.subscriber';

/**
 * 升級 / 申訴 across tiers and 服務指標 against directives (docs/escalation.md). Imported by every
 * tier's API and worker (the message handlers run in the worker's apply job); what a tier does not
 * do answers NOT_SUPPORTED_ON_TIER (or, for the city-only subscriber and producer, nothing).
 */
@Module({
  imports: [FederationModule, DirectivesModule],
  controllers: [EscalationController, ServiceRequestEscalationController, ServiceIndicatorsController],
  providers: [
    EscalationRepository,
    EscalationService,
    EscalationMessageHandler,
    EscalationUpdateMessageHandler,
    ServiceRequestChangeSubscriber,
    ServiceIndicatorsService,
    ServiceIndicatorFactsProducer,
  ],
  exports: [EscalationService, ServiceIndicatorsService],
})
export class EscalationModule {}
