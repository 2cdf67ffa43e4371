import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MessageOutbox } from '../entities/message-outbox.entity';
import { NodeMessageDto } from '../protocol/node-message.dto';

@Injectable()
export class MessageOutboxRepository {
  constructor(@InjectRepository(MessageOutbox) private readonly outbox: Repository<MessageOutbox>) {}

  /** Adds a message for `targetNode` inside the caller's transaction; the same messageId is kept once. */
  async add(manager: EntityManager, targetNode: string, message: NodeMessageDto, correlationId: string): Promise<string> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MessageOutbox)
      .values({ messageId: message.messageId, targetNode, type: message.type, subject: message.subject, version: message.version, payload: message, correlationId } as QueryDeepPartialEntity<MessageOutbox>)
      .orIgnore()
      .returning(['id'])
      .execute();
    if (inserted.raw.length) return inserted.raw[0].id;
    return (await manager.findOneByOrFail(MessageOutbox, { messageId: message.messageId })).id;
  }

  findById(id: string): Promise<MessageOutbox | null> {
    return this.outbox.findOneBy({ id });
  }

  async markAttempt(id: string, error: string | null, status?: 'delivered' | 'rejected'): Promise<void> {
    await this.outbox
      .createQueryBuilder()
      .update()
      .set({
        attempts: () => 'attempts + 1',
        lastError: error,
        ...(status ? { status } : {}),
        ...(status === 'delivered' ? { deliveredAt: () => 'now()' } : {}),
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  findPending(olderThanMs: number, limit: number): Promise<Pick<MessageOutbox, 'id' | 'correlationId'>[]> {
    return this.outbox
      .createQueryBuilder('o')
      .select(['o.id', 'o.correlationId'])
      .where(`o.status = 'pending' AND o.created_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async list(q: { status?: string; type?: string }, page: number, pageSize: number): Promise<[MessageOutbox[], number]> {
    return this.outbox.findAndCount({
      where: { ...(q.status ? { status: q.status as MessageOutbox['status'] } : {}), ...(q.type ? { type: q.type } : {}) },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
