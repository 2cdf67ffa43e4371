import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DeliveryLogRepository } from '../delivery-log.repository';
import { MessageOutbox } from '../entities/message-outbox.entity';
import { NodeMessageDto } from '../protocol/node-message.dto';

@Injectable()
export class MessageOutboxRepository extends DeliveryLogRepository<MessageOutbox> {
  constructor(@InjectRepository(MessageOutbox) outbox: Repository<MessageOutbox>) {
    super(outbox);
  }

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

  async list(q: { status?: string; type?: string }, page: number, pageSize: number): Promise<[MessageOutbox[], number]> {
    return this.rows.findAndCount({
      where: { ...(q.status ? { status: q.status as MessageOutbox['status'] } : {}), ...(q.type ? { type: q.type } : {}) },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
