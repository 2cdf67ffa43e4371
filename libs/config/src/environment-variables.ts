import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { TIERS, Tier } from './division-code.util';

/** Five cron fields (minute hour day month weekday) of digits, `*`, `/`, `,` and `-`. */
const CRON_PATTERN = /^[0-9*/,-]+( +[0-9*/,-]+){4}$/;

/** The environment a node process reads; every variable is validated before anything starts. */
export class EnvironmentVariables {
  @Matches(/^\d{6}$/, { message: 'CRM_NODE_CODE must be a 6-digit GB/T 2260 code' })
  CRM_NODE_CODE: string;

  @IsIn(TIERS, { message: `CRM_NODE_TIER must be one of ${TIERS.join(', ')}` })
  CRM_NODE_TIER: Tier;

  @Type(() => Number)
  @IsInt({ message: 'CRM_HTTP_PORT must be an integer' })
  @Min(0)
  @Max(65535)
  CRM_HTTP_PORT: number;

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'CRM_DATABASE_URL must be a postgres:// URL' })
  CRM_DATABASE_URL: string;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'CRM_REDIS_URL must be a redis:// URL' })
  CRM_REDIS_URL: string;

  @IsString()
  @MinLength(32, { message: 'CRM_JWT_SECRET must be at least 32 characters' })
  CRM_JWT_SECRET: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  CRM_JWT_TTL_SECONDS = 8 * 3600;

  /** Ed25519 private key, PEM; or a path in CRM_NODE_PRIVATE_KEY_FILE. */
  @IsOptional()
  @IsString()
  CRM_NODE_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  CRM_NODE_PRIVATE_KEY_FILE?: string;

  /** Path of the topology JSON (the federation's node registry). */
  @IsOptional()
  @IsString()
  CRM_TOPOLOGY_FILE?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'CRM_PARENT_URL must be an http(s) URL' })
  CRM_PARENT_URL?: string;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'CRM_PII_KEY must be 64 hex characters (32 bytes)' })
  CRM_PII_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'CRM_REDIS_PREFIX must be 1-64 characters of [A-Za-z0-9:_-]' })
  CRM_REDIS_PREFIX?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  CRM_LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @IsOptional()
  @IsString()
  CRM_TIMEZONE = 'Asia/Shanghai';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1000)
  CRM_PUBLISH_EVERY_MS = 5 * 60_000;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366)
  CRM_PUBLISH_WINDOW_DAYS = 2;

  @IsOptional() @Type(() => Number) @IsInt() @Min(10)
  CRM_DELIVERY_BACKOFF_MS = 2000;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100)
  CRM_DELIVERY_TIMEOUT_MS = 15_000;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100)
  CRM_SWEEP_EVERY_MS = 60_000;

  @IsOptional() @Type(() => Number) @IsInt() @Min(5) @Max(3600)
  CRM_MAX_CLOCK_SKEW_SECONDS = 300;

  /** Bulk imports (導入): folder for uploaded files; default `<os tmpdir>/crm-imports/<node code>`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CRM_IMPORT_DIR?: string;

  /** Bulk imports: largest accepted upload in bytes (default 2 GiB). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(64 * 1024 ** 3)
  CRM_IMPORT_MAX_BYTES = 2 * 1024 ** 3;

  /** Bulk imports: rows per batch (one transaction and one progress update each). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  CRM_IMPORT_BATCH_SIZE = 5000;

  /** Billing (賬務): machine dunning reminders (催繳) before a manual follow-up task is created. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  CRM_DUNNING_MANUAL_AFTER_ATTEMPTS = 3;

  /** Billing: arrears (欠費) older than this many days get the suspension flag (停機). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  CRM_ARREARS_SUSPEND_AFTER_DAYS = 90;

  /** Billing: when arrears are regenerated from overdue bills (cron, CRM_TIMEZONE). */
  @IsOptional() @Matches(CRON_PATTERN, { message: 'CRM_ARREARS_CRON must be a 5-field cron expression' })
  CRM_ARREARS_CRON = '0 1 * * *';

  /** Billing: when the dunning run sends reminders and creates manual tasks (cron, CRM_TIMEZONE). */
  @IsOptional() @Matches(CRON_PATTERN, { message: 'CRM_DUNNING_CRON must be a 5-field cron expression' })
  CRM_DUNNING_CRON = '0 9 * * *';

  /** Billing: when monthly partitions of usage, bills and payments are created ahead (cron, CRM_TIMEZONE). */
  @IsOptional() @Matches(CRON_PATTERN, { message: 'CRM_PARTITION_CRON must be a 5-field cron expression' })
  CRM_PARTITION_CRON = '30 2 * * *';

  /** Billing: how many months ahead of the current one partitions must exist. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(36)
  CRM_PARTITION_MONTHS_AHEAD = 3;
}
