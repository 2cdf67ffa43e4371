import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { instantOf } from './calendar.util';
import { ListUsageDto, UsageFilterDto } from './dto/list-usage.dto';
import { UsagePageDto, UsageRecordDto } from './dto/usage-response.dto';
import { UsageRecord } from './entities/usage-record.entity';
import { UsageRepository } from './usage.repository';

const MAX_WINDOW_MS = 366 * 86_400_000;

/** 使用記錄查詢: usage within a bounded time window (the table is partitioned by month). */
@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async list(q: ListUsageDto): Promise<UsagePageDto> {
    const [rows, total] = await this.usage.list(this.window(q));
    return { items: rows.map(toUsageDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: UsageFilterDto) {
    return this.usage.exportQuery(this.window(q));
  }

  /** The filter with `from` / `to` as instants (a plain calendar date is the city's midnight), checked. */
  private window<T extends UsageFilterDto>(q: T): T {
    const [from, to] = [instantOf(q.from, this.config.timezone), instantOf(q.to, this.config.timezone)];
    const span = to.getTime() - from.getTime();
    if (span <= 0) throw DomainException.badRequest('from is not before to', [{ field: 'from', problem: 'must be before to' }]);
    if (span > MAX_WINDOW_MS) throw DomainException.badRequest('The window is longer than 366 days', [{ field: 'to', problem: 'at most 366 days after from' }]);
    return { ...q, from: from.toISOString(), to: to.toISOString() };
  }
}

export const toUsageDto = (u: UsageRecord): UsageRecordDto => ({
  id: u.id,
  externalId: u.externalId,
  subscriptionId: u.subscriptionId,
  customerId: u.customerId,
  accountId: u.accountId,
  startedAt: u.startedAt.toISOString(),
  durationSeconds: u.durationSeconds,
  volumeKb: u.volumeKb,
  callType: u.callType,
  direction: u.direction,
  service: u.service,
  chargeFen: u.chargeFen,
});
