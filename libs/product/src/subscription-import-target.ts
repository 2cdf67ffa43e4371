import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor, systemActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { maskPhone } from '@crm/customer';
import { ImportColumn, ImportContext, ImportTarget, ParsedRow, ProvidesImportTarget, WriteResult } from '@crm/data-exchange';
import { CIRCUIT_CATEGORIES, CIRCUIT_ID_PATTERN, EXTERNAL_ID_PATTERN, PRODUCT_CODE_PATTERN, ProductCategory, SERVICE_NUMBER_PATTERN, SubscriptionStatus } from './product.constants';
import { parseInstant } from './zoned-time.util';

/** One valid row of a subscriptions file, normalised (instants as ISO strings, so rows survive JSON). */
export interface SubscriptionImportRow {
  externalId: string;
  customerExternalId: string;
  productCode: string;
  pricePlanCode: string | null;
  serviceNumber: string;
  circuitId: string | null;
  status: SubscriptionStatus;
  startedAt: string;
  endedAt: string | null;
}

const COLUMNS: readonly ImportColumn[] = [
  { name: 'externalId', required: true, description: 'Id of the subscription in the source system; a row whose externalId exists already is skipped' },
  { name: 'customerExternalId', required: true, description: "The customer's externalId (the customer must exist and not be closed)" },
  { name: 'productCode', required: true, description: 'Product code of the catalogue' },
  { name: 'pricePlanCode', required: false, description: "One of the product's price plans" },
  { name: 'serviceNumber', required: true, description: '業務號碼: phone number or line id', mask: maskPhone },
  { name: 'circuitId', required: false, description: '電路編號 (broadband, leased line, bundle)' },
  { name: 'status', required: false, description: 'active, suspended or terminated; default terminated when endedAt is given, else active' },
  { name: 'startedAt', required: true, description: 'ISO 8601 date or date-time; without offset, in the node time zone' },
  { name: 'endedAt', required: false, description: 'ISO 8601 date or date-time; required for, and only for, terminated' },
];

const STATUSES = Object.values(SubscriptionStatus) as string[];

const INSERT = `
  INSERT INTO subscription (external_id, customer_id, product_code, price_plan_code, service_number, circuit_id, status, started_at, ended_at)
  SELECT r.external_id, r.customer_id, r.product_code, r.price_plan_code, r.service_number, r.circuit_id, r.status, r.started_at, r.ended_at
  FROM jsonb_to_recordset($1::jsonb) AS r(external_id varchar, customer_id uuid, product_code varchar, price_plan_code varchar, service_number varchar,
                                          circuit_id varchar, status varchar, started_at timestamptz, ended_at timestamptz)
  ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING
  RETURNING external_id`;

/**
 * Bulk import of subscriptions (訂購導入), kind `subscriptions`: idempotent by externalId; rows whose
 * customer, product or price plan is unknown are rejected with a reason, never thrown.
 */
@Injectable()
@ProvidesImportTarget()
export class SubscriptionImportTarget implements ImportTarget<SubscriptionImportRow> {
  readonly kind = 'subscriptions' as const;
  readonly columns = COLUMNS;

  constructor(
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: Pick<NodeConfig, 'timezone'>,
  ) {}

  parse(raw: Readonly<Record<string, string>>): ParsedRow<SubscriptionImportRow> {
    const value = (name: string): string | undefined => {
      const v = raw[name]?.trim();
      return v ? v : undefined;
    };
    const problems: string[] = [];
    const required = (name: string, pattern: RegExp, what: string): string => {
      const v = value(name);
      if (v === undefined) problems.push(`${name}: required`);
      else if (!pattern.test(v)) problems.push(`${name}: ${what}`);
      return v ?? '';
    };
    const optional = (name: string, pattern: RegExp, what: string): string | null => {
      const v = value(name);
      if (v !== undefined && !pattern.test(v)) problems.push(`${name}: ${what}`);
      return v ?? null;
    };
    const instant = (name: string): Date | null => {
      const v = value(name);
      if (v === undefined) return null;
      const d = parseInstant(v, this.config.timezone);
      if (!d) problems.push(`${name}: '${v}' is not an ISO 8601 date or date-time`);
      return d;
    };

    const externalId = required('externalId', EXTERNAL_ID_PATTERN, 'must be 1-64 letters, digits or . _ : -');
    const customerExternalId = required('customerExternalId', EXTERNAL_ID_PATTERN, 'must be 1-64 letters, digits or . _ : -');
    const productCode = required('productCode', PRODUCT_CODE_PATTERN, 'must be a product code (upper-case letters, digits, -)');
    const pricePlanCode = optional('pricePlanCode', PRODUCT_CODE_PATTERN, 'must be a price plan code (upper-case letters, digits, -)');
    const serviceNumber = required('serviceNumber', SERVICE_NUMBER_PATTERN, 'must be 1-40 letters, digits or -');
    const circuitId = optional('circuitId', CIRCUIT_ID_PATTERN, 'must be 1-40 letters, digits or . _ : / -');
    if (value('startedAt') === undefined) problems.push('startedAt: required');
    const startedAt = instant('startedAt');
    const endedAt = instant('endedAt');
    const statusText = value('status')?.toLowerCase();
    if (statusText !== undefined && !STATUSES.includes(statusText)) problems.push(`status: must be one of ${STATUSES.join(', ')}`);
    const status = (statusText ?? (value('endedAt') !== undefined ? SubscriptionStatus.Terminated : SubscriptionStatus.Active)) as SubscriptionStatus;
    if (STATUSES.includes(status)) {
      if (status === SubscriptionStatus.Terminated && value('endedAt') === undefined) problems.push('endedAt: required when status is terminated');
      if (status !== SubscriptionStatus.Terminated && value('endedAt') !== undefined) problems.push(`endedAt: only allowed when status is terminated (status is ${status})`);
    }
    if (startedAt && endedAt && endedAt < startedAt) problems.push('endedAt: before startedAt');

    if (problems.length) return { error: problems.join('; ') };
    return {
      row: { externalId, customerExternalId, productCode, pricePlanCode, serviceNumber, circuitId, status, startedAt: startedAt!.toISOString(), endedAt: endedAt?.toISOString() ?? null },
    };
  }

  async write(manager: EntityManager, rows: SubscriptionImportRow[], ctx: ImportContext): Promise<WriteResult> {
    if (!rows.length) return { inserted: 0, skipped: 0, rejected: [] };
    const distinct = (pick: (r: SubscriptionImportRow) => string | null): string[] => [...new Set(rows.map(pick).filter((v): v is string => v !== null))];

    const customers = new Map<string, string>(
      (
        (await manager.query(`SELECT external_id, id FROM customer WHERE external_id = ANY($1) AND deleted_at IS NULL`, [distinct((r) => r.customerExternalId)])) as {
          external_id: string;
          id: string;
        }[]
      ).map((c) => [c.external_id, c.id]),
    );
    const products = new Map<string, ProductCategory>(
      ((await manager.query(`SELECT code, category FROM product WHERE code = ANY($1)`, [distinct((r) => r.productCode)])) as { code: string; category: ProductCategory }[]).map((p) => [
        p.code,
        p.category,
      ]),
    );
    const plans = new Map<string, string>(
      ((await manager.query(`SELECT code, product_code FROM price_plan WHERE code = ANY($1)`, [distinct((r) => r.pricePlanCode)])) as { code: string; product_code: string }[]).map((p) => [
        p.code,
        p.product_code,
      ]),
    );

    const rejected: WriteResult['rejected'] = [];
    const accepted: Record<string, unknown>[] = [];
    rows.forEach((r, index) => {
      const reasons: string[] = [];
      const customerId = customers.get(r.customerExternalId);
      if (!customerId) reasons.push(`customerExternalId: no customer with external id ${r.customerExternalId}`);
      const category = products.get(r.productCode);
      if (!category) reasons.push(`productCode: unknown product ${r.productCode}`);
      if (r.pricePlanCode !== null) {
        const planProduct = plans.get(r.pricePlanCode);
        if (!planProduct) reasons.push(`pricePlanCode: unknown price plan ${r.pricePlanCode}`);
        else if (planProduct !== r.productCode) reasons.push(`pricePlanCode: ${r.pricePlanCode} is a plan of ${planProduct}, not of ${r.productCode}`);
      }
      if (r.circuitId !== null && category && !CIRCUIT_CATEGORIES.includes(category)) reasons.push(`circuitId: not for ${category} products`);
      if (reasons.length) {
        rejected.push({ index, reason: reasons.join('; ') });
        return;
      }
      accepted.push({
        external_id: r.externalId,
        customer_id: customerId,
        product_code: r.productCode,
        price_plan_code: r.pricePlanCode,
        service_number: r.serviceNumber,
        circuit_id: r.circuitId,
        status: r.status,
        started_at: r.startedAt,
        ended_at: r.endedAt,
      });
    });

    const inserted: { external_id: string }[] = accepted.length ? await manager.query(INSERT, [JSON.stringify(accepted)]) : [];
    const result: WriteResult = { inserted: inserted.length, skipped: accepted.length - inserted.length, rejected };
    if (inserted.length) {
      await this.audit.record(manager, this.actorOf(ctx), {
        action: 'import',
        entityType: 'subscription',
        entityId: ctx.importId,
        newValues: { importId: ctx.importId, inserted: result.inserted, skipped: result.skipped, rejected: rejected.length, externalIds: inserted.map((r) => r.external_id) },
      });
    }
    return result;
  }

  /** The user who started the import, as known to the job. */
  private actorOf(ctx: ImportContext): RequestActor {
    return { ...systemActor(ctx.requestId), username: ctx.actor, role: 'import' };
  }
}
