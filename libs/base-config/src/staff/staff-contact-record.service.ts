import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode, ErrorDetail } from '@crm/errors';
import { Page, pageOf } from '@crm/platform';
import { StaffContactRecord } from '../entities/staff-contact-record.entity';
import { CreateStaffContactRecordDto, ExportStaffContactRecordsDto, ListStaffContactRecordsDto, StaffContactRecordDto, UpdateStaffContactRecordDto } from './staff-contact-record.dto';
import { StaffContactRecordRepository } from './staff-contact-record.repository';

const toDto = (r: StaffContactRecord): StaffContactRecordDto => ({
  id: r.id,
  staffId: r.staffId,
  contactedAt: r.contactedAt.toISOString(),
  channel: r.channel,
  counterpart: r.counterpart,
  summary: r.summary,
  createdAt: r.createdAt.toISOString(),
  version: r.version,
});

/** What the audit log keeps of a record (no personal data in it). */
const auditValues = (r: StaffContactRecord): Record<string, unknown> => ({
  staffId: r.staffId,
  contactedAt: r.contactedAt.toISOString(),
  channel: r.channel,
  counterpart: r.counterpart,
  summary: r.summary,
});

const ENTITY_TYPE = 'staff_contact_record';
const EDITABLE = ['contactedAt', 'channel', 'counterpart', 'summary'] as const;

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

  /** PATCH: any of the fields, with the version read; 404 for another staff member's record, 409 when stale. */
  async update(staffId: string, id: string, dto: UpdateStaffContactRecordDto, actor: RequestActor): Promise<StaffContactRecordDto> {
    const nulls: ErrorDetail[] = EDITABLE.filter((field) => dto[field] === null).map((field) => ({ field, problem: 'must not be null' }));
    if (nulls.length) throw new DomainException(ErrorCode.ValidationFailed, nulls.map((d) => `${d.field}: ${d.problem}`).join('; '), nulls);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.records.lockStaff(manager, staffId))) throw DomainException.notFound('Staff member', staffId);
      const record = await this.records.lockOne(manager, staffId, id);
      if (!record) throw DomainException.notFound('Contact record', id);
      if (record.version !== dto.version) {
        throw DomainException.conflict(`Contact record ${id} was changed by someone else: version ${dto.version} is stale, the current version is ${record.version}`, [
          { field: 'version', problem: `stale (current ${record.version})` },
        ]);
      }
      const before = auditValues(record);
      if (dto.contactedAt !== undefined) record.contactedAt = new Date(dto.contactedAt);
      if (dto.channel !== undefined) record.channel = dto.channel;
      if (dto.counterpart !== undefined) record.counterpart = dto.counterpart;
      if (dto.summary !== undefined) record.summary = dto.summary;
      const { oldValues, newValues } = changedFields(before, auditValues(record));
      if (!Object.keys(newValues).length) return toDto(record);
      await this.records.save(manager, record);
      await this.audit.record(manager, actor, { action: 'update', entityType: ENTITY_TYPE, entityId: id, oldValues, newValues });
      return toDto((await this.records.findOne(manager, staffId, id))!);
    });
  }

  /** The export's query; 404 for an unknown staff member. The export is recorded in the audit log with its filters. */
  async exportQuery(staffId: string, q: ExportStaffContactRecordsDto, actor: RequestActor): Promise<SelectQueryBuilder<StaffContactRecord>> {
    if (!(await this.records.staffExists(staffId))) throw DomainException.notFound('Staff member', staffId);
    await this.audit.record(undefined, actor, { action: 'export', entityType: ENTITY_TYPE, newValues: { staffId, filters: { ...q } } });
    return this.records.exportQuery(staffId, q);
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
