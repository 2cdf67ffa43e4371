import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ImportColumn, ImportContext, ImportTarget, ParsedRow, ProvidesImportTarget, WriteResult } from '@crm/data-exchange';
import { CallType, EXTERNAL_ID_PATTERN, ServiceKind, UsageDirection } from './billing.constants';
import { parseDateTime } from './calendar.util';
import { NewUsageRecord, UsageRepository } from './usage.repository';

/** A checked usage row, before its subscription is resolved. */
export interface UsageImportRow extends Omit<NewUsageRecord, 'subscriptionId' | 'customerId' | 'accountId'> {
  subscriptionExternalId: string;
}

const INT32_MAX = 2_147_483_647;
const BIGINT_SAFE = Number.MAX_SAFE_INTEGER;

const oneOf = <T extends string>(values: Record<string, T>) => new Set<string>(Object.values(values));
const CALL_TYPES = oneOf(CallType);
const DIRECTIONS = oneOf(UsageDirection);
const SERVICES = oneOf(ServiceKind);

/**
 * Bulk import (導入) of usage records (使用記錄), kind `usage`. A row names its subscription by the
 * subscription's external id; `write` resolves a whole batch in one query, rejects rows whose
 * subscription is unknown, and inserts the rest in one statement with
 * `ON CONFLICT (external_id, started_at) DO NOTHING`, so importing a file twice adds nothing.
 * The account is filled in when the customer has exactly one open account.
 */
@Injectable()
@ProvidesImportTarget()
export class UsageImportService implements ImportTarget<UsageImportRow> {
  readonly kind = 'usage' as const;

  readonly columns: readonly ImportColumn[] = [
    { name: 'externalId', required: true, description: 'Id of the record in the source system (with startedAt, the idempotency key)' },
    { name: 'subscriptionExternalId', required: true, description: 'External id of the subscription (業務) the usage belongs to' },
    { name: 'startedAt', required: true, description: 'Start, ISO 8601 (2026-11-05T10:15:00+08:00); without an offset, city time' },
    { name: 'durationSeconds', required: false, description: 'Duration in seconds (calls, sessions); 0 when empty' },
    { name: 'volumeKb', required: false, description: 'Traffic in KB (data); 0 when empty' },
    { name: 'callType', required: true, description: [...CALL_TYPES].join(' | ') },
    { name: 'direction', required: true, description: [...DIRECTIONS].join(' | ') },
    { name: 'service', required: true, description: [...SERVICES].join(' | ') },
    { name: 'chargeFen', required: false, description: 'Charge in fen (分); 0 when empty' },
  ];

  constructor(
    private readonly usage: UsageRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  parse(raw: Readonly<Record<string, string>>): ParsedRow<UsageImportRow> {
    const text = (name: string): string => (raw[name] ?? '').trim();
    const problems: string[] = [];
    const id = (name: string): string => {
      const v = text(name);
      if (!EXTERNAL_ID_PATTERN.test(v)) problems.push(`${name} must be 1-64 letters, digits or . _ : -`);
      return v;
    };
    const count = (name: string, max: number): number => {
      const v = text(name);
      if (v === '') return 0;
      if (!/^\d+$/.test(v) || Number(v) > max) {
        problems.push(`${name} must be a whole number from 0 to ${max}`);
        return 0;
      }
      return Number(v);
    };
    const choice = <T extends string>(name: string, allowed: Set<string>): T => {
      const v = text(name).toLowerCase();
      if (!allowed.has(v)) problems.push(`${name} must be one of ${[...allowed].join(', ')}`);
      return v as T;
    };
    const externalId = id('externalId');
    const subscriptionExternalId = id('subscriptionExternalId');
    const startedAt = parseDateTime(text('startedAt'), this.config.timezone);
    if (!startedAt) problems.push('startedAt must be a date-time such as 2026-11-05T10:15:00+08:00');
    const row: UsageImportRow = {
      externalId,
      subscriptionExternalId,
      startedAt: startedAt ?? new Date(0),
      durationSeconds: count('durationSeconds', INT32_MAX),
      volumeKb: count('volumeKb', BIGINT_SAFE),
      callType: choice<CallType>('callType', CALL_TYPES),
      direction: choice<UsageDirection>('direction', DIRECTIONS),
      service: choice<ServiceKind>('service', SERVICES),
      chargeFen: count('chargeFen', INT32_MAX),
    };
    return problems.length ? { error: problems.join('; ') } : { row };
  }

  async write(manager: EntityManager, rows: UsageImportRow[], _ctx: ImportContext): Promise<WriteResult> {
    const subscriptions = await this.usage.resolveSubscriptions(manager, rows.map((r) => r.subscriptionExternalId));
    const rejected: WriteResult['rejected'] = [];
    const valid: NewUsageRecord[] = [];
    rows.forEach((r, index) => {
      const s = subscriptions.get(r.subscriptionExternalId);
      if (!s) {
        rejected.push({ index, reason: `subscriptionExternalId ${r.subscriptionExternalId} is not a subscription of this city` });
        return;
      }
      const { subscriptionExternalId: _unused, ...record } = r;
      valid.push({ ...record, subscriptionId: s.subscriptionId, customerId: s.customerId, accountId: s.accountId });
    });
    const inserted = await this.usage.insertIgnoringDuplicates(manager, valid);
    return { inserted, skipped: valid.length - inserted, rejected };
  }
}
