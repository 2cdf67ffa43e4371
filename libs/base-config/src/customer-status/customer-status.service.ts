import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { DomainException } from '@crm/errors';
import { BUILT_IN_CUSTOMER_STATUSES } from '../base-config.constants';
import { CustomerStatusDefinition } from '../entities/customer-status-definition.entity';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { CreateCustomerStatusDto, CustomerStatusDto, ListCustomerStatusesDto, UpdateCustomerStatusDto } from './customer-status.dto';

export const CUSTOMER_STATUSES: ResourceDefinition<CustomerStatusDefinition, CustomerStatusDto, ListCustomerStatusesDto> = {
  target: CustomerStatusDefinition,
  alias: 's',
  entityType: 'customer_status',
  label: 'Customer status',
  key: 'code',
  searchColumns: ['code', 'name'],
  sorts: { code: 'code', name: 'name' },
  filter(qb, q) {
    if (q.active !== undefined) qb.andWhere('s.active = :active', { active: q.active });
    if (q.serviceAllowed !== undefined) qb.andWhere('s.service_allowed = :serviceAllowed', { serviceAllowed: q.serviceAllowed });
  },
  assertDeletable(s) {
    if (BUILT_IN_CUSTOMER_STATUSES.includes(s.code)) throw DomainException.conflict(`Customer status ${s.code} is built in and cannot be deleted; set active to false instead`);
  },
  toResponse: (s) => ({
    code: s.code,
    name: s.name,
    description: s.description,
    serviceAllowed: s.serviceAllowed,
    active: s.active,
    builtIn: BUILT_IN_CUSTOMER_STATUSES.includes(s.code),
    version: s.version,
  }),
  export: {
    title: '客戶狀態 Customer statuses',
    filename: 'customer-statuses',
    columns: [
      { header: '狀態代碼 Code', value: (s) => s.code, width: 14 },
      { header: '狀態名稱 Name', value: (s) => s.name, width: 14 },
      { header: '說明 Description', value: (s) => s.description, width: 30 },
      { header: '可用業務 Service allowed', value: (s) => (s.serviceAllowed ? '是' : '否'), width: 10 },
      { header: '在用 Active', value: (s) => (s.active ? '是' : '否'), width: 8 },
    ],
  },
};

/** 客戶狀態: the statuses customers can be in; `active` and `suspended` are built in. */
@Injectable()
export class CustomerStatusService extends ReferenceDataService<CustomerStatusDefinition, CustomerStatusDto, CreateCustomerStatusDto, UpdateCustomerStatusDto, ListCustomerStatusesDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, CUSTOMER_STATUSES);
  }
}
