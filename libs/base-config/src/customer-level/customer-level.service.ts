import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { CustomerLevel } from '../entities/customer-level.entity';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { CreateCustomerLevelDto, CustomerLevelDto, ListCustomerLevelsDto, UpdateCustomerLevelDto } from './customer-level.dto';

export const CUSTOMER_LEVELS: ResourceDefinition<CustomerLevel, CustomerLevelDto, ListCustomerLevelsDto> = {
  target: CustomerLevel,
  alias: 'l',
  entityType: 'customer_level',
  label: 'Customer level',
  key: 'code',
  searchColumns: ['code', 'name'],
  sorts: { rank: 'rank', code: 'code', name: 'name' },
  uniques: { ux_customer_level_rank: 'Another customer level has this rank' },
  toResponse: (l) => ({
    code: l.code,
    name: l.name,
    rank: l.rank,
    minAnnualSpendFen: Number(l.minAnnualSpendFen),
    description: l.description,
    version: l.version,
  }),
  export: {
    title: '客戶等級 Customer levels',
    filename: 'customer-levels',
    columns: [
      { header: '等級代碼 Code', value: (l) => l.code, width: 12 },
      { header: '等級名稱 Name', value: (l) => l.name, width: 16 },
      { header: '級別 Rank', value: (l) => l.rank, width: 8 },
      { header: '最低年消費(分) Min annual spend (fen)', value: (l) => l.minAnnualSpendFen, width: 20 },
      { header: '說明 Description', value: (l) => l.description, width: 30 },
    ],
  },
};

/** 客戶等級: ranked levels with the annual spend that qualifies a customer. */
@Injectable()
export class CustomerLevelService extends ReferenceDataService<CustomerLevel, CustomerLevelDto, CreateCustomerLevelDto, UpdateCustomerLevelDto, ListCustomerLevelsDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, CUSTOMER_LEVELS);
  }
}
