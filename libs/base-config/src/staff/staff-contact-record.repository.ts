import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { StaffContactRecord } from '../entities/staff-contact-record.entity';
import { Staff } from '../entities/staff.entity';
import { ListStaffContactRecordsDto, StaffContactRecordFilter } from './staff-contact-record.dto';

/** A contact record with its staff member's number and name, as read raw for an export. */
export interface StaffContactRecordExportRow {
  id: string;
  employee_no: string;
  staff_name: string;
  contacted_at: Date;
  channel: string;
  counterpart: string;
  summary: string;
  created_at: Date;
}

/** All I/O of staff contact records. */
@Injectable()
export class StaffContactRecordRepository {
  constructor(
    @InjectRepository(StaffContactRecord) private readonly records: Repository<StaffContactRecord>,
    @InjectRepository(Staff) private readonly staff: Repository<Staff>,
  ) {}

  async staffExists(staffId: string, manager: EntityManager = this.staff.manager): Promise<boolean> {
    return manager.exists(Staff, { where: { id: staffId } });
  }

  /** Whether the staff member exists; locks the row (shared) so a concurrent delete waits for the transaction. */
  async lockStaff(manager: EntityManager, staffId: string): Promise<boolean> {
    return !!(await manager.createQueryBuilder(Staff, 's').select('s.id').where('s.id = :staffId', { staffId }).setLock('pessimistic_read').getOne());
  }

  async insert(manager: EntityManager, record: Partial<StaffContactRecord>): Promise<StaffContactRecord> {
    const { identifiers } = await manager.insert(StaffContactRecord, record);
    return manager.findOneByOrFail(StaffContactRecord, { id: identifiers[0].id as string });
  }

  findOne(manager: EntityManager, staffId: string, id: string): Promise<StaffContactRecord | null> {
    return manager.findOneBy(StaffContactRecord, { staffId, id });
  }

  /** The staff member's record, locked until the transaction ends (the basis of an update). */
  lockOne(manager: EntityManager, staffId: string, id: string): Promise<StaffContactRecord | null> {
    return manager
      .createQueryBuilder(StaffContactRecord, 'r')
      .where('r.id = :id AND r.staff_id = :staffId', { id, staffId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Writes the changed record (TypeORM raises `version` when anything changed). */
  save(manager: EntityManager, record: StaffContactRecord): Promise<StaffContactRecord> {
    return manager.save(StaffContactRecord, record);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(StaffContactRecord, { id });
  }

  list(staffId: string, q: ListStaffContactRecordsDto): Promise<[StaffContactRecord[], number]> {
    return this.filtered(this.records.createQueryBuilder('r'), staffId, q)
      .orderBy('r.contactedAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
  }

  /** The export's query (raw rows, for streamRawRows): the list's filters and order, with the staff member's number and name. */
  exportQuery(staffId: string, f: StaffContactRecordFilter): SelectQueryBuilder<StaffContactRecord> {
    const qb = this.records
      .createQueryBuilder('r')
      .innerJoin(Staff, 's', 's.id = r.staff_id')
      .select([
        'r.id AS id', 's.employee_no AS employee_no', 's.name AS staff_name', 'r.contacted_at AS contacted_at', 'r.channel AS channel',
        'r.counterpart AS counterpart', 'r.summary AS summary', 'r.created_at AS created_at',
      ]);
    return this.filtered(qb, staffId, f).orderBy('r.contacted_at', 'DESC').addOrderBy('r.id', 'ASC');
  }

  private filtered(qb: SelectQueryBuilder<StaffContactRecord>, staffId: string, f: StaffContactRecordFilter): SelectQueryBuilder<StaffContactRecord> {
    qb.where('r.staff_id = :staffId', { staffId });
    if (f.channel) qb.andWhere('r.channel = :channel', { channel: f.channel });
    if (f.from) qb.andWhere('r.contacted_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('r.contacted_at < :to', { to: f.to });
    return qb;
  }
}
