import { createHash } from 'node:crypto';

/**
 * The deterministic control-group split (對照組): a customer's bucket 0–99 is the first 32 bits of
 * md5("<campaignId>:<customerId>") modulo 100; buckets below the plan's percentage are held back.
 * The same customer always lands in the same group of a campaign, and different campaigns split
 * independently. `CONTROL_BUCKET_SQL` computes the same bucket in PostgreSQL (tested against this).
 */
export function controlBucket(campaignId: string, customerId: string): number {
  const hex = createHash('md5').update(`${campaignId}:${customerId}`).digest('hex').slice(0, 8);
  return Number(BigInt(`0x${hex}`) % 100n);
}

export function isControl(campaignId: string, customerId: string, controlPercent: number): boolean {
  return controlPercent > 0 && controlBucket(campaignId, customerId) < controlPercent;
}

/** SQL of the bucket, for a campaign id parameter and a customer id column. */
export const controlBucketSql = (campaignParam: string, customerColumn: string): string =>
  `((('x' || lpad(substr(md5(${campaignParam}::text || ':' || ${customerColumn}::text), 1, 8), 16, '0'))::bit(64)::bigint) % 100)`;
