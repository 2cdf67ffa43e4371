/**
 * Every queue and job name of the product, in one place. They live in Redis:
 * never rename one once shipped.
 */
export enum QueueName {
  FederationPublish = 'federation-publish',
  FederationDelivery = 'federation-delivery',
  FederationApply = 'federation-apply',
  FederationMaintenance = 'federation-maintenance',
}

export enum JobName {
  PublishFacts = 'PublishFactsJob',
  DeliverBatch = 'DeliverBatchJob',
  ApplyBatch = 'ApplyBatchJob',
  SweepFederation = 'SweepFederationJob',
}

/** Payloads are typed per job name and carry ids plus a correlation id, never entities. */
export interface JobPayloads {
  [JobName.PublishFacts]: { correlationId: string; days?: number };
  [JobName.DeliverBatch]: { outboxId: string; correlationId: string };
  [JobName.ApplyBatch]: { inboxId: string; correlationId: string };
  [JobName.SweepFederation]: { correlationId: string };
}

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
