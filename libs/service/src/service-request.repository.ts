import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ServiceRequestFilterDto } from './dto/service-request.dto';
import { NotificationFilterDto } from './dto/sla.dto';
import { ServiceRequest, ServiceRequestAttachment, ServiceRequestEvent, ServiceRequestNotification, ServiceRequestReturnVisit } from './entities';
import { ServiceChannel, ServiceRequestKind, ServiceRequestStatus, ServiceSeverity } from './service.constants';

/** A request row as listed: the request with its customer's name and type and its owner's name. */
export type RequestRow = Record<string, unknown> & { id: string };

export interface CustomerFacts { id: string; customer_type: string; key_account_level: string | null; account_manager_id: string | null; deleted_at: Date | null }
export interface StaffFacts { id: string; active: boolean; department_code: string }

export type EventInput = Partial<Omit<ServiceRequestEvent, 'id' | 'request'>> & Pick<ServiceRequestEvent, 'requestId' | 'action' | 'by'>;

/**
 * Criteria of callers other than the REST list (the TMF621 facade): value lists, any party of the
 * request (customer, receiver, owner or assignee), exclusive / inclusive creation instants, exact texts.
 */
export interface ServiceRequestCriteria {
  ids?: string[];
  kinds?: ServiceRequestKind[];
  statuses?: ServiceRequestStatus[];
  severities?: ServiceSeverity[];
  channels?: ServiceChannel[];
  partyIds?: string[];
  createdGt?: Date;
  createdGte?: Date;
  createdLt?: Date;
  createdLte?: Date;
  title?: string;
  description?: string;
}

const SORT: Record<string, string> = { createdAt: 'r.created_at', resolutionDueAt: 'r.resolution_due_at', severity: 'severity_rank' };
const SEVERITY_RANK = `CASE r.severity WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END`;

/** All I/O of service requests; reads customer, subscription, staff and department rows by SQL (their libraries own them). */
@Injectable()
export class ServiceRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  customer(manager: EntityManager, id: string): Promise<CustomerFacts | undefined> {
    return manager.query(`SELECT id, customer_type, key_account_level, account_manager_id, deleted_at FROM customer WHERE id = $1`, [id]).then((r) => r[0]);
  }

  subscriptionOwner(manager: EntityManager, id: string): Promise<string | null | undefined> {
    return manager.query(`SELECT customer_id FROM subscription WHERE id = $1`, [id]).then((r) => (r[0] ? (r[0].customer_id as string) : undefined));
  }

  staff(manager: EntityManager, id: string): Promise<StaffFacts | undefined> {
    return manager.query(`SELECT id, active, department_code FROM staff WHERE id = $1`, [id]).then((r) => r[0]);
  }

  async departmentExists(manager: EntityManager, code: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM service_department WHERE code = $1`, [code])).length > 0;
  }

  async insertRequest(manager: EntityManager, values: Partial<ServiceRequest>): Promise<string> {
    const result = await manager.insert(ServiceRequest, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  async insertEvent(manager: EntityManager, e: EventInput): Promise<void> {
    await manager.insert(ServiceRequestEvent, { details: {}, ...e } as QueryDeepPartialEntity<ServiceRequestEvent>);
  }

  /** The request locked for update, or undefined. */
  lock(manager: EntityManager, id: string): Promise<ServiceRequest | null> {
    return manager.findOne(ServiceRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Updates columns; version and updated_at move on by themselves. */
  async update(manager: EntityManager, id: string, set: Partial<ServiceRequest>): Promise<void> {
    await manager.update(ServiceRequest, { id }, set);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ServiceRequest, { id });
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<RequestRow | undefined> {
    const rows = await this.query({ sort: '-createdAt' } as ServiceRequestFilterDto, 'UTC', manager).andWhere('r.id = :id', { id }).getRawMany();
    return rows[0] as RequestRow | undefined;
  }

  async list(f: ServiceRequestFilterDto, tz: string, page: number, pageSize: number): Promise<[RequestRow[], number]> {
    const qb = this.query(f, tz);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as RequestRow[], n as number];
  }

  /** A window (offset / limit, newest first) of the requests matching `c`, with the total. */
  async window(c: ServiceRequestCriteria, offset: number, limit: number): Promise<[RequestRow[], number]> {
    const qb = this.query({ sort: '-createdAt' } as ServiceRequestFilterDto, 'UTC');
    if (c.ids) qb.andWhere('r.id IN (:...ids)', { ids: c.ids.length ? c.ids : [null] });
    if (c.kinds) qb.andWhere('r.kind IN (:...kinds)', { kinds: c.kinds });
    if (c.statuses) qb.andWhere('r.status IN (:...statuses)', { statuses: c.statuses });
    if (c.severities) qb.andWhere('r.severity IN (:...severities)', { severities: c.severities });
    if (c.channels) qb.andWhere('r.channel IN (:...channels)', { channels: c.channels });
    if (c.partyIds) {
      qb.andWhere('(r.customer_id IN (:...parties) OR r.received_by_staff_id IN (:...parties) OR r.owner_staff_id IN (:...parties) OR r.assignee_staff_id IN (:...parties))', { parties: c.partyIds });
    }
    // instants come with millisecond precision, created_at has microseconds: compare at the millisecond
    // (created_at truncated to ms > t  ⇔  created_at ≥ t + 1 ms), keeping the index usable
    const nextMs = (d: Date) => new Date(d.getTime() + 1);
    if (c.createdGt) qb.andWhere('r.created_at >= :createdGt', { createdGt: nextMs(c.createdGt) });
    if (c.createdGte) qb.andWhere('r.created_at >= :createdGte', { createdGte: c.createdGte });
    if (c.createdLt) qb.andWhere('r.created_at < :createdLt', { createdLt: c.createdLt });
    if (c.createdLte) qb.andWhere('r.created_at < :createdLte', { createdLte: nextMs(c.createdLte) });
    if (c.title !== undefined) qb.andWhere('r.title = :title', { title: c.title });
    if (c.description !== undefined) qb.andWhere('r.description = :description', { description: c.description });
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset(offset).limit(limit).getRawMany();
    return [rows as RequestRow[], n as number];
  }

  /** History rows of several requests (one query). */
  historyOf(ids: string[]): Promise<ServiceRequestEvent[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.manager.find(ServiceRequestEvent, { where: { requestId: In(ids) }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Attachments of several requests (one query). */
  attachmentsOf(ids: string[]): Promise<ServiceRequestAttachment[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.manager.find(ServiceRequestAttachment, { where: { requestId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The filtered, sorted selection of requests (also the export's query). */
  query(f: ServiceRequestFilterDto, tz: string, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('service_request', 'r')
      // both optional (a request without an identified customer, or not owned by anyone yet)
      .leftJoin('customer', 'c', 'c.id = r.customer_id')
      .leftJoin('staff', 'o', 'o.id = r.owner_staff_id')
      .select('r.*')
      .addSelect(['c.name AS customer_name', 'c.customer_type AS customer_type', 'o.name AS owner_name'])
      .addSelect(SEVERITY_RANK, 'severity_rank');
    if (f.kind) qb.andWhere('r.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.channel) qb.andWhere('r.channel = :channel', { channel: f.channel });
    if (f.severity) qb.andWhere('r.severity = :severity', { severity: f.severity });
    if (f.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: f.customerId });
    if (f.ownerStaffId) qb.andWhere('r.owner_staff_id = :owner', { owner: f.ownerStaffId });
    if (f.assigneeStaffId) qb.andWhere('r.assignee_staff_id = :assignee', { assignee: f.assigneeStaffId });
    if (f.departmentCode) qb.andWhere('r.department_code = :department', { department: f.departmentCode });
    if (f.breached !== undefined) qb.andWhere(`(r.response_breached_at IS NOT NULL OR r.resolution_breached_at IS NOT NULL) = :breached`, { breached: f.breached });
    if (f.escalated !== undefined) qb.andWhere('r.escalated = :escalated', { escalated: f.escalated });
    const instant = (param: string, endOfDay: boolean) =>
      `CASE WHEN length(CAST(:${param} AS text)) = 10 THEN (CAST(:${param} AS date) + ${endOfDay ? 1 : 0})::timestamp AT TIME ZONE CAST(:tz AS text) ELSE CAST(:${param} AS timestamptz) END`;
    if (f.createdFrom) qb.andWhere(`r.created_at >= ${instant('createdFrom', false)}`, { createdFrom: f.createdFrom, tz });
    if (f.createdTo) qb.andWhere(`r.created_at < ${instant('createdTo', true)}`, { createdTo: f.createdTo, tz });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC');
  }

  history(id: string, manager: EntityManager = this.dataSource.manager): Promise<ServiceRequestEvent[]> {
    return manager.find(ServiceRequestEvent, { where: { requestId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  attachments(id: string, manager: EntityManager = this.dataSource.manager): Promise<ServiceRequestAttachment[]> {
    return manager.find(ServiceRequestAttachment, { where: { requestId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  attachment(manager: EntityManager, requestId: string, id: string): Promise<ServiceRequestAttachment | null> {
    return manager.findOne(ServiceRequestAttachment, { where: { id, requestId } });
  }

  async insertAttachment(manager: EntityManager, values: Partial<ServiceRequestAttachment>): Promise<ServiceRequestAttachment> {
    const result = await manager.insert(ServiceRequestAttachment, values);
    return (await manager.findOneByOrFail(ServiceRequestAttachment, { id: (result.identifiers[0] as { id: string }).id }));
  }

  async deleteAttachment(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ServiceRequestAttachment, { id });
  }

  returnVisits(id: string, manager: EntityManager = this.dataSource.manager): Promise<ServiceRequestReturnVisit[]> {
    return manager.find(ServiceRequestReturnVisit, { where: { requestId: id }, order: { visitedAt: 'ASC', id: 'ASC' } });
  }

  async insertReturnVisit(manager: EntityManager, values: Partial<ServiceRequestReturnVisit>): Promise<string> {
    const result = await manager.insert(ServiceRequestReturnVisit, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  async setReturnVisitSurvey(manager: EntityManager, id: string, surveyId: string): Promise<void> {
    await manager.update(ServiceRequestReturnVisit, { id }, { surveyId });
  }

  /** `instant` (a date in `tz` or a date-time with offset) as a Date, and whether it lies beyond now + 5 minutes. */
  async resolveInstant(instant: string, tz: string): Promise<{ at: Date; future: boolean }> {
    const [row] = await this.dataSource.query(
      `WITH t AS (SELECT CASE WHEN length($1::text) = 10 THEN ($1::text::date::timestamp AT TIME ZONE $2) ELSE $1::text::timestamptz END AS at)
       SELECT at, at > now() + interval '5 minutes' AS future FROM t`,
      [instant, tz],
    );
    return { at: new Date(row.at), future: row.future };
  }

  /** The customer's latest satisfaction-survey factors (satisfaction_survey of @crm/scoring), when any. */
  async latestSurveyFactors(customerId: string): Promise<Record<string, number> | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT corporate_image, attitude, service_quality, customer_care, reliability, timeliness, security, quality_at_price, price_at_quality
       FROM satisfaction_survey WHERE customer_id = $1 ORDER BY surveyed_at DESC, created_at DESC LIMIT 1`,
      [customerId],
    );
    if (!row) return undefined;
    return {
      corporateImage: row.corporate_image, attitude: row.attitude, serviceQuality: row.service_quality, customerCare: row.customer_care,
      reliability: row.reliability, timeliness: row.timeliness, security: row.security, qualityAtPrice: row.quality_at_price, priceAtQuality: row.price_at_quality,
    };
  }

  /**
   * Next batch (keyset by id) of requests whose running clock may owe a notice as of `asOf`: wall-clock
   * time is never less than business time, so a clock whose wall-clock use is still below
   * `ratio` × target cannot be near its target yet and is skipped.
   */
  async slaCandidates(afterId: string | null, limit: number, asOf: Date, ratio: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM service_request
       WHERE ((status = $3 AND response_breached_at IS NULL
               AND extract(epoch FROM ($5::timestamptz - received_at)) / 60 >= $6::float8 * response_target_minutes)
           OR (status IN ($3, $4) AND resolution_breached_at IS NULL AND resolution_running_since IS NOT NULL
               AND resolution_used_minutes + extract(epoch FROM ($5::timestamptz - resolution_running_since)) / 60 >= $6::float8 * resolution_target_minutes))
         AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [afterId, limit, ServiceRequestStatus.Acknowledged, ServiceRequestStatus.InProgress, asOf, ratio],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the notices that do not exist yet (unique per request × clock × kind × recipient); returns how many were new. */
  async insertNotifications(manager: EntityManager, rows: Partial<ServiceRequestNotification>[]): Promise<number> {
    if (!rows.length) return 0;
    const result = await manager.createQueryBuilder().insert().into(ServiceRequestNotification).values(rows).orIgnore().returning('id').execute();
    return (result.raw as unknown[]).length;
  }

  async notifications(f: NotificationFilterDto, page: number, pageSize: number): Promise<[ServiceRequestNotification[], number]> {
    const where: Record<string, unknown> = {};
    for (const k of ['requestId', 'kind', 'clock', 'recipient', 'recipientStaffId'] as const) if (f[k]) where[k] = f[k];
    return this.dataSource.manager.findAndCount(ServiceRequestNotification, { where, order: { at: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
  }
}
