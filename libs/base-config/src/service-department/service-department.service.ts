import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { ServiceDepartment } from '../entities/service-department.entity';
import { assertNoCycle } from '../reference-data/hierarchy.util';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { CreateServiceDepartmentDto, ListServiceDepartmentsDto, ServiceDepartmentDto, UpdateServiceDepartmentDto } from './service-department.dto';

export const SERVICE_DEPARTMENTS: ResourceDefinition<ServiceDepartment, ServiceDepartmentDto, ListServiceDepartmentsDto> = {
  target: ServiceDepartment,
  alias: 'sd',
  entityType: 'service_department',
  label: 'Service department',
  key: 'code',
  joins: [{ relation: 'parent', alias: 'sdp' }],
  searchColumns: ['code', 'name'],
  sorts: { code: 'code', name: 'name' },
  filter(qb, q) {
    if (q.parentCode) qb.andWhere('sd.parent_code = :parentCode', { parentCode: q.parentCode });
  },
  references: { fk_service_department_parent: 'parentCode' },
  validate: (manager, d) => assertNoCycle(manager, 'service_department', d.code, d.parentCode),
  toResponse: (d) => ({ code: d.code, name: d.name, parentCode: d.parentCode, parentName: d.parent?.name ?? null, phone: d.phone, version: d.version }),
  export: {
    title: '服務部門 Service departments',
    filename: 'service-departments',
    columns: [
      { header: '部門代碼 Code', value: (d) => d.code, width: 12 },
      { header: '部門名稱 Name', value: (d) => d.name, width: 24 },
      { header: '上級部門 Parent', value: (d) => d.parentName, width: 24 },
      { header: '電話 Phone', value: (d) => d.phone, width: 16 },
    ],
  },
};

/** 服務部門: departments of the city branch, in a tree (no cycles). */
@Injectable()
export class ServiceDepartmentService extends ReferenceDataService<ServiceDepartment, ServiceDepartmentDto, CreateServiceDepartmentDto, UpdateServiceDepartmentDto, ListServiceDepartmentsDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, SERVICE_DEPARTMENTS);
  }
}
