import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@crm/queue';
import { ApplyService } from './apply.service';
import { ChildrenService } from './children.service';
import { DeliveryService } from './delivery.service';
import { FederationEntities } from './federation.entities';
import { FactStoreRepository } from './fact-store.repository';
import { FederationController } from './federation.controller';
import { FederationQueueService } from './federation-queue.service';
import { InboxService } from './inbox.service';
import { NodeSignatureGuard } from './node-signature.guard';
import { OutboxRepository } from './outbox.repository';
import { PublicationService } from './publication.service';
import { SecurityEventRepository } from './security-event.repository';
import { RetentionService } from './retention.service';
import { SweepService } from './sweep.service';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** Outbox → delivery → parent inbox → apply (ARCHITECTURE.md), shared by every tier. */
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature(FederationEntities),
    ...queues,
  ],
  controllers: [FederationController],
  providers: [
    ApplyService,
    ChildrenService,
    DeliveryService,
    FactStoreRepository,
    FederationQueueService,
    InboxService,
    NodeSignatureGuard,
    OutboxRepository,
    PublicationService,
    SecurityEventRepository,
    SweepService,
    RetentionService,
  ],
  exports: [PublicationService, FactStoreRepository, ApplyService, DeliveryService, SweepService, RetentionService, ...queues],
})
export class FederationModule {}
