/**
 * Every queue and job name of the product, in one place. They live in Redis:
 * never rename one once shipped.
 */
export enum QueueName {
  FederationPublish = 'federation-publish',
  FederationDelivery = 'federation-delivery',
  FederationApply = 'federation-apply',
  FederationMaintenance = 'federation-maintenance',
  /** Arrears generation, dunning and partition maintenance of a city (one at a time). */
  BillingMaintenance = 'billing-maintenance',
  /** Bulk imports (導入) of a city: one file per job. */
  Import = 'import',
}

export enum JobName {
  PublishFacts = 'PublishFactsJob',
  DeliverBatch = 'DeliverBatchJob',
  ApplyBatch = 'ApplyBatchJob',
  SweepFederation = 'SweepFederationJob',
  PurgeFederation = 'PurgeFederationJob',
  GenerateArrears = 'GenerateArrearsJob',
  RunDunning = 'RunDunningJob',
  EnsurePartitions = 'EnsurePartitionsJob',
  RunImport = 'RunImportJob',
}

/** Payloads are typed per job name and carry ids plus a correlation id, never entities. */
export interface JobPayloads {
  [JobName.PublishFacts]: { correlationId: string; days?: number };
  [JobName.DeliverBatch]: { outboxId: string; correlationId: string };
  [JobName.ApplyBatch]: { inboxId: string; correlationId: string };
  [JobName.SweepFederation]: { correlationId: string };
  [JobName.PurgeFederation]: { correlationId: string };
  /** `asOf`: the day (YYYY-MM-DD, city time zone) the run is for; today when absent. */
  [JobName.GenerateArrears]: { correlationId: string; asOf?: string };
  /** Regenerates arrears, then sends machine reminders / creates manual tasks for `asOf` (today when absent). */
  [JobName.RunDunning]: { correlationId: string; asOf?: string; requestedBy?: string };
  [JobName.EnsurePartitions]: { correlationId: string };
  /** Runs (or resumes) the import_job row `importId`. */
  [JobName.RunImport]: { importId: string; correlationId: string };
}

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
