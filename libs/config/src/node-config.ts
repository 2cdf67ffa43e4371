import { DomainSettingsOverrides } from './domain-settings';
import { Tier } from './division-code.util';
import { Topology } from './topology';
import { TopologyNode } from './topology.types';

/** Everything a node needs to know about itself, validated once at start-up. */
export interface NodeConfig {
  node: TopologyNode;
  tier: Tier;
  /** Parent as seen from this node; `url` may be overridden by CRM_PARENT_URL. */
  parent?: TopologyNode;
  topology: Topology;
  httpPort: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key this node writes (queues, nonces). */
  redisPrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Ed25519 private key (PEM, PKCS#8) signing this node's outgoing federation requests. */
  privateKeyPem: string;
  /** 32-byte key (hex) for keyed hashes and encryption of personal data; cities only. */
  piiKey?: Buffer;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  timezone: string;
  federation: FederationSettings;
  imports: ImportSettings;
  billing: BillingSettings;
  /** Overrides of the domain rule sets (scoring, segmentation, churn, …), validated by each library at start. */
  settings: DomainSettingsOverrides;
}

export interface FederationSettings {
  /** How often the publication scheduler runs (city). */
  publishEveryMs: number;
  /** How many days back the scheduled publication recomputes (today included). */
  publishWindowDays: number;
  /** First retry delay of a failed delivery; doubles for each of its 8 attempts, then the sweeper retries. */
  deliveryBackoffMs: number;
  deliveryTimeoutMs: number;
  /** How often outbox/inbox rows left behind (e.g. Redis lost a job) are re-enqueued. */
  sweepEveryMs: number;
  /** Accepted clock difference for signed node requests; also the nonce lifetime. */
  maxClockSkewSeconds: number;
}

/** Arrears, dunning and partition maintenance (city; harmless elsewhere). */
export interface BillingSettings {
  /** Machine reminders before the dunning run creates a manual follow-up task instead. */
  dunningManualAfterAttempts: number;
  /** Arrears older than this (days since they fell due) get the suspension flag. */
  arrearsSuspendAfterDays: number;
  arrearsCron: string;
  dunningCron: string;
  partitionCron: string;
  /** Months after the current one whose partitions must exist. */
  partitionMonthsAhead: number;
}

/** Bulk imports (導入): where uploads are kept while their job runs, and the limits. */
export interface ImportSettings {
  /** Folder for uploaded files (created when missing). */
  dir: string;
  /** Largest accepted upload, in bytes. */
  maxBytes: number;
  /** Rows written per transaction (and per progress update). */
  batchSize: number;
}
