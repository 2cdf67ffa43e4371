import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ServiceRequestEvent } from '@crm/service';
import { Escalation, ServiceEscalation } from './entities';
import { SummarySource } from './escalation-summary.util';

/** Every read and write of escalations (both tables) and of the city request fields a summary needs. */
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The request's fields a summary is built from (the customer only as type, key-account level and district). */
  async summarySource(manager: EntityManager, requestId: string): Promise<SummarySource | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, r.kind, r.channel, r.severity, r.status, r.title, r.created_at, r.response_due_at, r.resolution_due_at, r.responded_at, r.resolved_at, r.closed_at,
              r.response_breached_at, r.resolution_breached_at, r.handover_count, r.key_account, c.customer_type, c.key_account_level, c.district_code
       FROM service_request r LEFT JOIN customer c ON c.id = r.customer_id WHERE r.id = $1`,
      [requestId],
    );
    return row as SummarySource | undefined;
  }

  /** Locks the request row (the escalation is serialised with changes of the request). */
  async lockRequest(manager: EntityManager, requestId: string): Promise<{ id: string; status: string } | undefined> {
    const [row] = await manager.query(`SELECT id, status FROM service_request WHERE id = $1 FOR UPDATE`, [requestId]);
    return row;
  }

  async requestExists(requestId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM service_request WHERE id = $1`, [requestId]);
    return !!row;
  }

  async insertServiceEscalation(manager: EntityManager, e: QueryDeepPartialEntity<ServiceEscalation>): Promise<ServiceEscalation> {
    const res = await manager.createQueryBuilder().insert().into(ServiceEscalation).values(e).returning(['id']).execute();
    return manager.findOneByOrFail(ServiceEscalation, { id: res.raw[0].id });
  }

  serviceEscalationsOf(manager: EntityManager | undefined, requestId: string, lock = false): Promise<ServiceEscalation[]> {
    return (manager ?? this.dataSource.manager).find(ServiceEscalation, { where: { requestId }, order: { createdAt: 'ASC' }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  lockServiceEscalation(manager: EntityManager, id: string): Promise<ServiceEscalation | null> {
    return manager.findOne(ServiceEscalation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateServiceEscalation(manager: EntityManager, id: string, set: QueryDeepPartialEntity<ServiceEscalation>): Promise<void> {
    await manager.update(ServiceEscalation, { id }, set);
  }

  /** A history row on the city's request (the service_request_event table of @crm/service). */
  async insertRequestEvent(manager: EntityManager, e: { requestId: string; action: string; reason: string | null; by: string; details: Record<string, unknown>; toStatus?: string | null }): Promise<void> {
    await manager.insert(ServiceRequestEvent, { ...e, by: e.by.slice(0, 64), reason: e.reason?.slice(0, 1000) ?? null } as QueryDeepPartialEntity<ServiceRequestEvent>);
  }

  async pageServiceEscalations(q: { status?: string; kind?: string }, page: number, pageSize: number): Promise<[ServiceEscalation[], number]> {
    return this.dataSource.getRepository(ServiceEscalation).findAndCount({
      where: { ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  findServiceEscalation(id: string): Promise<ServiceEscalation | null> {
    return this.dataSource.getRepository(ServiceEscalation).findOneBy({ id });
  }

  // ------------------------------------------------------------ province / HQ

  lockEscalation(manager: EntityManager, where: { id: string } | { originNode: string; reference: string }): Promise<Escalation | null> {
    return manager.findOne(Escalation, { where, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a received escalation unless (origin, reference) is here already; answers whether it is new. */
  async insertEscalation(manager: EntityManager, e: QueryDeepPartialEntity<Escalation>): Promise<boolean> {
    const res = await manager.createQueryBuilder().insert().into(Escalation).values(e).orIgnore().returning(['id']).execute();
    return res.raw.length > 0;
  }

  async updateEscalation(manager: EntityManager, id: string, set: QueryDeepPartialEntity<Escalation>): Promise<void> {
    await manager.update(Escalation, { id }, { ...set, updatedAt: () => 'now()' });
  }

  async pageEscalations(q: { status?: string; kind?: string; originNode?: string }, page: number, pageSize: number): Promise<[Escalation[], number]> {
    return this.dataSource.getRepository(Escalation).findAndCount({
      where: { ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.originNode ? { originNode: q.originNode } : {}) },
      order: { receivedAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  findEscalation(id: string): Promise<Escalation | null> {
    return this.dataSource.getRepository(Escalation).findOneBy({ id });
  }
}
