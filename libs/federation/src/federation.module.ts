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
import { MessageApplyService } from './messages/message-apply.service';
import { MessageInboxService } from './messages/message-inbox.service';
import { MessageOutboxRepository } from './messages/message-outbox.repository';
import { MessageSender } from './messages/message-sender.service';
import { NodeMessageRegistry } from './messages/node-message-registry';
import { NodeSignatureGuard } from './node-signature.guard';
import { OutboxRepository } from './outbox.repository';
import { PublicationService } from './publication.service';
import { SecurityEventRepository } from './security-event.repository';
import { RetentionService } from './retention.service';
import { SweepService } from './sweep.service';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** Outbox → delivery → parent inbox → apply (ARCHITECTURE.md), shared by every tier; node messages travel the same way in both directions. */
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
    MessageApplyService,
    MessageInboxService,
    MessageOutboxRepository,
    MessageSender,
    NodeMessageRegistry,
    NodeSignatureGuard,
    OutboxRepository,
    PublicationService,
    SecurityEventRepository,
    SweepService,
    RetentionService,
  ],
  exports: [PublicationService, FactStoreRepository, ApplyService, DeliveryService, SweepService, RetentionService, MessageSender, MessageApplyService, ...queues],
})
export class FederationModule {}
