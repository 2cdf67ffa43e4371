import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { Page } from '@crm/platform';
import { OperationsStaffProfile } from '../entities';
import { OPERATIONS_STAFF_ENTITY, OperationsRole } from '../operations-info.constants';
import { invalidField } from '../resource/invalid-field.util';
import { iso } from '../resource/local-date.util';
import { OperationsResourceService } from '../resource/operations-resource.service';
import { ResourceDefinition } from '../resource/operations-resource.types';
import { CreateOperationsStaffDto, ListOperationsStaffDto, ListReportsDto, OperationsStaffDto, UpdateOperationsStaffDto } from './operations-staff.dto';

/** The reports route adds these to the list filters. */
type StaffFilter = ListOperationsStaffDto & { reportsTo?: string; indirect?: boolean };

/** Who the profile's staff member is, its manager and the reporting line rules. */
async function checkProfile(manager: EntityManager, row: OperationsStaffProfile, existing: boolean): Promise<void> {
  if (!existing) {
    const [staff]: { active: boolean }[] = await manager.query(`SELECT active FROM staff WHERE id = $1`, [row.staffId]);
    if (!staff) throw invalidField('staffId', 'refers to no staff member');
    if (!staff.active) throw invalidField('staffId', 'refers to a staff member who is no longer active');
  }
  if (row.managerStaffId) {
    if (row.managerStaffId === row.staffId) throw invalidField('managerStaffId', 'must not be the staff member itself');
    const [boss]: { role: string }[] = await manager.query(`SELECT role FROM operations_staff_profile WHERE staff_id = $1`, [row.managerStaffId]);
    if (!boss) throw invalidField('managerStaffId', 'refers to no staff member with an operations profile');
    if (boss.role !== OperationsRole.Manager) throw invalidField('managerStaffId', 'refers to a staff member who is not an operations manager');
    if (existing) {
      const [{ cycle }] = await manager.query(
        `WITH RECURSIVE up(staff_id, manager_staff_id, depth) AS (
           SELECT staff_id, manager_staff_id, 1 FROM operations_staff_profile WHERE staff_id = $1
           UNION ALL
           SELECT p.staff_id, p.manager_staff_id, up.depth + 1 FROM operations_staff_profile p JOIN up ON p.staff_id = up.manager_staff_id WHERE up.depth < 64
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE staff_id = $2) AS cycle`,
        [row.managerStaffId, row.staffId],
      );
      if (cycle) throw invalidField('managerStaffId', 'would put the staff member under one of its own reports');
    }
  }
  if (existing && row.role !== OperationsRole.Manager) {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM operations_staff_profile WHERE manager_staff_id = $1`, [row.staffId]);
    if (n > 0) throw DomainException.conflict(`The staff member still manages ${n} operations staff; reassign them first`, [{ field: 'role', problem: `still manages ${n} staff` }]);
  }
}

export const OPERATIONS_STAFF: ResourceDefinition<OperationsStaffProfile, OperationsStaffDto, StaffFilter> = {
  target: OperationsStaffProfile,
  alias: 'op',
  entityType: OPERATIONS_STAFF_ENTITY,
  label: 'Operations profile of staff member',
  key: 'staffId',
  joins: [
    { relation: 'staff', alias: 'ops' },
    { relation: 'district', alias: 'opd' },
    { relation: 'manager', alias: 'opm' },
    { relation: 'opm.staff', alias: 'oms' },
  ],
  searchColumns: ['ops.name', 'ops.employee_no'],
  sorts: { employeeNo: 'ops.employeeNo', name: 'ops.name', role: 'op.role', createdAt: 'op.createdAt' },
  filter(qb, q) {
    if (q.role) qb.andWhere('op.role = :role', { role: q.role });
    if (q.districtCode) qb.andWhere('op.district_code = :districtCode', { districtCode: q.districtCode });
    if (q.managerStaffId) qb.andWhere('op.manager_staff_id = :managerStaffId', { managerStaffId: q.managerStaffId });
    if (q.departmentCode) qb.andWhere('ops.department_code = :departmentCode', { departmentCode: q.departmentCode });
    if (q.active !== undefined) qb.andWhere('ops.active = :active', { active: q.active });
    if (q.reportsTo && !q.indirect) qb.andWhere('op.manager_staff_id = :reportsTo', { reportsTo: q.reportsTo });
    if (q.reportsTo && q.indirect) {
      qb.andWhere(
        `op.staff_id IN (WITH RECURSIVE down(staff_id, depth) AS (
           SELECT staff_id, 1 FROM operations_staff_profile WHERE manager_staff_id = :reportsTo
           UNION ALL
           SELECT p.staff_id, down.depth + 1 FROM operations_staff_profile p JOIN down ON p.manager_staff_id = down.staff_id WHERE down.depth < 64
         ) SELECT staff_id FROM down)`,
        { reportsTo: q.reportsTo },
      );
    }
  },
  references: {
    fk_operations_staff_profile_staff: 'staffId',
    fk_operations_staff_profile_district: 'districtCode',
    fk_operations_staff_profile_manager: 'managerStaffId',
  },
  validate: checkProfile,
  auditValues: (p) => ({ staffId: p.staffId, role: p.role, responsibilities: p.responsibilities, districtCode: p.districtCode, managerStaffId: p.managerStaffId }),
  toResponse: (p) => ({
    staffId: p.staffId,
    employeeNo: p.staff?.employeeNo ?? '',
    name: p.staff?.name ?? '',
    departmentCode: p.staff?.departmentCode ?? '',
    title: p.staff?.title ?? null,
    active: p.staff?.active ?? false,
    role: p.role,
    responsibilities: p.responsibilities,
    districtCode: p.districtCode,
    districtName: p.district?.name ?? null,
    managerStaffId: p.managerStaffId,
    managerName: p.manager?.staff?.name ?? null,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
    version: p.version,
  }),
  export: {
    title: '經營人員 Operations staff',
    filename: 'operations-staff',
    columns: [
      { header: '工號 Employee no.', value: (p) => p.employeeNo, width: 14 },
      { header: '姓名 Name', value: (p) => p.name, width: 12 },
      { header: '部門 Department', value: (p) => p.departmentCode, width: 12 },
      { header: '職務 Title', value: (p) => p.title, width: 14 },
      { header: '角色 Role', value: (p) => (p.role === OperationsRole.Manager ? '經營管理者 manager' : '經營人員 staff'), width: 18 },
      { header: '區域 Region', value: (p) => p.districtName ?? (p.districtCode || '全市'), width: 12 },
      { header: '上級 Manager', value: (p) => p.managerName, width: 12 },
      { header: '在職 Active', value: (p) => (p.active ? '是' : '否'), width: 8 },
      { header: '職責 Responsibilities', value: (p) => p.responsibilities, width: 40 },
    ],
  },
};

/** 經營人員 / 經營管理者: operations profiles of base-config staff, with the reporting line. */
@Injectable()
export class OperationsStaffService extends OperationsResourceService<OperationsStaffProfile, OperationsStaffDto, CreateOperationsStaffDto, UpdateOperationsStaffDto, StaffFilter> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, @Inject(NODE_CONFIG) node: NodeConfig) {
    super(dataSource, audit, OPERATIONS_STAFF, { timezone: node.timezone });
  }

  /** The staff reporting to a manager (404 if the manager has no profile). */
  async reports(managerStaffId: string, q: ListReportsDto, actor: RequestActor): Promise<Page<OperationsStaffDto>> {
    await this.read(managerStaffId, actor);
    return this.list({ ...q, reportsTo: managerStaffId, indirect: q.indirect ?? false } as StaffFilter, actor);
  }
}
