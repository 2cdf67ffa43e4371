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
}

export interface FederationSettings {
  /** How often the publication scheduler runs (city). */
  publishEveryMs: number;
  /** How many days back the scheduled publication recomputes (today included). */
  publishWindowDays: number;
  /** First retry delay of a failed delivery; doubles up to `deliveryMaxBackoffMs`. */
  deliveryBackoffMs: number;
  deliveryMaxBackoffMs: number;
  deliveryTimeoutMs: number;
  /** How often outbox/inbox rows left behind (e.g. Redis lost a job) are re-enqueued. */
  sweepEveryMs: number;
  /** Accepted clock difference for signed node requests; also the nonce lifetime. */
  maxClockSkewSeconds: number;
}
