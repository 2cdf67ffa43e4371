import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { Staff } from '../entities/staff.entity';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { maskPhone } from '@crm/personal-data';
import { CreateStaffDto, ListStaffDto, StaffDto, UpdateStaffDto } from './staff.dto';

export const STAFF: ResourceDefinition<Staff, StaffDto, ListStaffDto> = {
  target: Staff,
  alias: 'st',
  entityType: 'staff',
  label: 'Staff member',
  key: 'id',
  joins: [
    { relation: 'department', alias: 'std' },
    { relation: 'hall', alias: 'sth' },
  ],
  searchColumns: ['name', 'employee_no'],
  sorts: { employeeNo: 'employeeNo', name: 'name', createdAt: 'createdAt' },
  filter(qb, q) {
    if (q.departmentCode) qb.andWhere('st.department_code = :departmentCode', { departmentCode: q.departmentCode });
    if (q.hallCode) qb.andWhere('st.hall_code = :hallCode', { hallCode: q.hallCode });
    if (q.active !== undefined) qb.andWhere('st.active = :active', { active: q.active });
  },
  references: { fk_staff_department: 'departmentCode', fk_staff_hall: 'hallCode' },
  uniques: { ux_staff_employee_no: 'A staff member with this employeeNo already exists' },
  personalData: true,
  auditValues: (s) => ({
    employeeNo: s.employeeNo,
    name: s.name,
    gender: s.gender,
    departmentCode: s.departmentCode,
    title: s.title,
    duties: s.duties,
    hallCode: s.hallCode,
    mobile: maskPhone(s.mobile),
    email: s.email,
    active: s.active,
  }),
  toResponse: (s, viewer) => ({
    id: s.id,
    employeeNo: s.employeeNo,
    name: s.name,
    gender: s.gender,
    departmentCode: s.departmentCode,
    departmentName: s.department?.name ?? s.departmentCode,
    title: s.title,
    duties: s.duties,
    hallCode: s.hallCode,
    hallName: s.hall?.name ?? null,
    mobile: viewer.personalData ? s.mobile : maskPhone(s.mobile),
    personalDataMasked: !viewer.personalData,
    email: s.email,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  }),
  export: {
    title: '員工 Staff',
    filename: 'staff',
    columns: [
      { header: '工號 Employee no.', value: (s) => s.employeeNo, width: 14 },
      { header: '姓名 Name', value: (s) => s.name, width: 12 },
      { header: '性別 Gender', value: (s) => (s.gender === 'male' ? '男' : s.gender === 'female' ? '女' : ''), width: 8 },
      { header: '部門 Department', value: (s) => s.departmentName, width: 20 },
      { header: '職務 Title', value: (s) => s.title, width: 14 },
      { header: '營業廳 Hall', value: (s) => s.hallName, width: 20 },
      { header: '手機 Mobile', value: (s) => s.mobile, width: 14 },
      { header: '郵箱 E-mail', value: (s) => s.email, width: 24 },
      { header: '在職 Active', value: (s) => (s.active ? '是' : '否'), width: 8 },
      { header: '職責 Duties', value: (s) => s.duties, width: 40 },
    ],
  },
};

/** 員工: profile and duties of the city's staff; mobiles are personal data (masked, unmasked reads audited). */
@Injectable()
export class StaffService extends ReferenceDataService<Staff, StaffDto, CreateStaffDto, UpdateStaffDto, ListStaffDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, STAFF);
  }
}
