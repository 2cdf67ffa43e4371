import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { RequestActor } from '@crm/auth';
import { AuditAction, AuditLog } from './audit-log.entity';
import { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
}

/** Only the fields that changed, old and new, for an update entry. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      oldValues[key] = before[key] ?? null;
      newValues[key] = after[key] ?? null;
    }
  }
  return { oldValues, newValues };
}

/**
 * The audit log (審計日誌). Write entries with the EntityManager of the change's own transaction,
 * so a change and its entry commit or roll back together. Values must already be masked.
 */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  async record(manager: EntityManager | undefined, actor: RequestActor, entry: AuditEntry): Promise<void> {
    await (manager ?? this.logs.manager).insert(AuditLog, {
      actorId: actor.userId,
      actorUsername: actor.username,
      actorRole: actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      oldValues: entry.oldValues ?? null,
      newValues: entry.newValues ?? null,
      requestId: actor.requestId || null,
    });
  }

  async query(q: AuditQueryDto): Promise<[AuditLog[], number]> {
    return this.filtered(q).orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
  }

  /** The same filters, newest first, for a streamed export. */
  exportQuery(q: Omit<AuditQueryDto, 'page' | 'pageSize'>): SelectQueryBuilder<AuditLog> {
    return this.filtered(q)
      .select(['a.id AS id', 'a.occurred_at AS occurred_at', 'a.actor_username AS actor_username', 'a.actor_role AS actor_role', 'a.action AS action',
        'a.entity_type AS entity_type', 'a.entity_id AS entity_id', 'a.old_values AS old_values', 'a.new_values AS new_values', 'a.request_id AS request_id'])
      .orderBy('a.occurred_at', 'DESC')
      .addOrderBy('a.id', 'DESC');
  }

  private filtered(q: Omit<AuditQueryDto, 'page' | 'pageSize'>): SelectQueryBuilder<AuditLog> {
    const qb = this.logs.createQueryBuilder('a');
    if (q.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.actor) qb.andWhere('a.actor_username = :actor', { actor: q.actor });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.occurred_at < :to', { to: q.to });
    return qb;
  }
}
