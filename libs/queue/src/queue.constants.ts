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
  /** Abnormal-customer rules and potential key accounts of a city (@crm/customer-watch). */
  CustomerWatch = 'customer-watch',
  /** Churn detection and churn-risk scoring of a city (one at a time). */
  Churn = 'churn',
  /** Score recomputation of a city: nightly full runs and hourly incremental runs (one at a time). */
  Scoring = 'scoring',
  /** Service requests of a city: SLA near-breach / breach checks (@crm/service). */
  Service = 'service',
  /** Proactive service of a city: care-task generation by rules (@crm/service-care). */
  ServiceCare = 'service-care',
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
  RunAbnormalRules = 'RunAbnormalRulesJob',
  GeneratePotentialKeyAccounts = 'GeneratePotentialKeyAccountsJob',
  DetectChurn = 'DetectChurnJob',
  ScoreChurnRisk = 'ScoreChurnRiskJob',
  RecomputeAllScores = 'RecomputeAllScoresJob',
  RecomputeChangedScores = 'RecomputeChangedScoresJob',
  DeliverMessage = 'DeliverMessageJob',
  ApplyMessage = 'ApplyMessageJob',
  CheckServiceSla = 'CheckServiceSlaJob',
  GenerateCareTasks = 'GenerateCareTasksJob',
}

/** Payloads are typed per job name and carry ids plus a correlation id, never entities. */
export interface JobPayloads {
  [JobName.PublishFacts]: { correlationId: string; days?: number };
  [JobName.DeliverBatch]: { outboxId: string; correlationId: string };
  [JobName.ApplyBatch]: { inboxId: string; correlationId: string };
  /** Delivers the message_outbox row `outboxId` (a node message to the parent or a child). */
  [JobName.DeliverMessage]: { outboxId: string; correlationId: string };
  /** Applies the message_inbox row `inboxId` with its type's handler. */
  [JobName.ApplyMessage]: { inboxId: string; correlationId: string };
  [JobName.SweepFederation]: { correlationId: string };
  [JobName.PurgeFederation]: { correlationId: string };
  /** `asOf`: the day (YYYY-MM-DD, city time zone) the run is for; today when absent. */
  [JobName.GenerateArrears]: { correlationId: string; asOf?: string };
  /** Regenerates arrears, then sends machine reminders / creates manual tasks for `asOf` (today when absent). */
  [JobName.RunDunning]: { correlationId: string; asOf?: string; requestedBy?: string };
  [JobName.EnsurePartitions]: { correlationId: string };
  /** Runs (or resumes) the import_job row `importId`. */
  [JobName.RunImport]: { importId: string; correlationId: string };
  /** Runs the abnormal-customer rules for the billing month of `asOf` (today when absent). */
  [JobName.RunAbnormalRules]: { correlationId: string; asOf?: string };
  /** Generates the potential key accounts for the 12 months ending with the month of `asOf` (today when absent). */
  [JobName.GeneratePotentialKeyAccounts]: { correlationId: string; asOf?: string };
  /** Churn detection rules for the window ending `asOf` (YYYY-MM-DD, city time zone; today when absent). */
  [JobName.DetectChurn]: { correlationId: string; asOf?: string };
  /** Scores every active customer with the latest churn-risk model. */
  [JobName.ScoreChurnRisk]: { correlationId: string };
  /** Recomputes the scores (then segments) of every customer, current and former, for the current month; resumes after job.progress.lastCustomerId. */
  [JobName.RecomputeAllScores]: { correlationId: string; requestedBy?: string };
  /** Recomputes the scores of the customers whose inputs changed since the previous successful run's watermark. */
  [JobName.RecomputeChangedScores]: { correlationId: string; requestedBy?: string };
  /** Finds open service requests near or past their SLA deadline at `asOf` (ISO instant; now when absent), notifies and escalates. */
  [JobName.CheckServiceSla]: { correlationId: string; asOf?: string };
  /** Generates proactive care tasks (key-account visits, outage follow-ups, tenure anniversaries) for the day `asOf` (YYYY-MM-DD; today when absent). */
  [JobName.GenerateCareTasks]: { correlationId: string; asOf?: string };
}

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
