import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecurityEvent } from './entities/security-event.entity';

export interface SecurityEventInput {
  reason: string;
  claimedNode?: string | null;
  path: string;
  remoteAddress?: string | null;
  detail: string;
  requestId?: string | null;
}

/** Records refused node requests in the log and in `federation_security_event`. */
@Injectable()
export class SecurityEventRepository {
  private readonly logger = new Logger('FederationSecurity');

  constructor(@InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>) {}

  async record(event: SecurityEventInput): Promise<void> {
    this.logger.warn({ ...event }, `Refused node request: ${event.reason}`);
    try {
      await this.events.insert({
        reason: event.reason,
        claimedNode: event.claimedNode?.slice(0, 16) ?? null,
        path: event.path.slice(0, 300),
        remoteAddress: event.remoteAddress ?? null,
        detail: event.detail.slice(0, 2000),
        requestId: event.requestId ?? null,
      });
    } catch (err) {
      this.logger.error({ err }, 'Could not store the security event');
    }
  }

  recent(limit: number): Promise<SecurityEvent[]> {
    return this.events.find({ order: { occurredAt: 'DESC' }, take: limit });
  }
}
