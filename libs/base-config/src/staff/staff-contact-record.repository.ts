import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { StaffContactRecord } from '../entities/staff-contact-record.entity';
import { Staff } from '../entities/staff.entity';
import { ListStaffContactRecordsDto } from './staff-contact-record.dto';

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

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(StaffContactRecord, { id });
  }

  list(staffId: string, q: ListStaffContactRecordsDto): Promise<[StaffContactRecord[], number]> {
    const qb = this.records.createQueryBuilder('r').where('r.staff_id = :staffId', { staffId });
    if (q.channel) qb.andWhere('r.channel = :channel', { channel: q.channel });
    if (q.from) qb.andWhere('r.contacted_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('r.contacted_at < :to', { to: q.to });
    return qb
      .orderBy('r.contactedAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
  }
}
