import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { Page, pageOf } from '@crm/platform';
import { StaffContactRecord } from '../entities/staff-contact-record.entity';
import { CreateStaffContactRecordDto, ListStaffContactRecordsDto, StaffContactRecordDto } from './staff-contact-record.dto';
import { StaffContactRecordRepository } from './staff-contact-record.repository';

const toDto = (r: StaffContactRecord): StaffContactRecordDto => ({
  id: r.id,
  staffId: r.staffId,
  contactedAt: r.contactedAt.toISOString(),
  channel: r.channel,
  counterpart: r.counterpart,
  summary: r.summary,
  createdAt: r.createdAt.toISOString(),
});

const ENTITY_TYPE = 'staff_contact_record';

/** 員工聯繫記錄: who a staff member contacted, kept under the staff member. */
@Injectable()
export class StaffContactRecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: StaffContactRecordRepository,
    private readonly audit: AuditService,
  ) {}

  async create(staffId: string, dto: CreateStaffContactRecordDto, actor: RequestActor): Promise<StaffContactRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.records.lockStaff(manager, staffId))) throw DomainException.notFound('Staff member', staffId);
      const record = await this.records.insert(manager, { staffId, contactedAt: new Date(dto.contactedAt), channel: dto.channel, counterpart: dto.counterpart, summary: dto.summary });
      const answer = toDto(record);
      await this.audit.record(manager, actor, { action: 'create', entityType: ENTITY_TYPE, entityId: record.id, newValues: { ...answer } });
      return answer;
    });
  }

  async list(staffId: string, q: ListStaffContactRecordsDto): Promise<Page<StaffContactRecordDto>> {
    if (!(await this.records.staffExists(staffId))) throw DomainException.notFound('Staff member', staffId);
    const [rows, total] = await this.records.list(staffId, q);
    return pageOf(rows.map(toDto), total, q);
  }

  async remove(staffId: string, id: string, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.records.findOne(manager, staffId, id);
      if (!record) throw DomainException.notFound('Contact record', id);
      await this.records.delete(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: ENTITY_TYPE, entityId: id, oldValues: { ...toDto(record) } });
    });
  }
}
