import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { Industry } from '../entities/industry.entity';
import { assertNoCycle } from '../reference-data/hierarchy.util';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { CreateIndustryDto, IndustryDto, ListIndustriesDto, UpdateIndustryDto } from './industry.dto';

export const INDUSTRIES: ResourceDefinition<Industry, IndustryDto, ListIndustriesDto> = {
  target: Industry,
  alias: 'i',
  entityType: 'industry',
  label: 'Industry',
  key: 'code',
  joins: [{ relation: 'parent', alias: 'ip' }],
  searchColumns: ['code', 'name'],
  sorts: { code: 'code', name: 'name' },
  filter(qb, q) {
    if (q.parentCode) qb.andWhere('i.parent_code = :parentCode', { parentCode: q.parentCode });
    if (q.topLevel !== undefined) qb.andWhere(q.topLevel ? 'i.parent_code IS NULL' : 'i.parent_code IS NOT NULL');
  },
  references: { fk_industry_parent: 'parentCode' },
  validate: (manager, i) => assertNoCycle(manager, 'industry', i.code, i.parentCode),
  toResponse: (i) => ({ code: i.code, name: i.name, parentCode: i.parentCode, parentName: i.parent?.name ?? null, version: i.version }),
  export: {
    title: '行業 Industries (GB/T 4754-2017)',
    filename: 'industries',
    columns: [
      { header: '行業代碼 Code', value: (i) => i.code, width: 10 },
      { header: '行業名稱 Name', value: (i) => i.name, width: 36 },
      { header: '上級代碼 Parent code', value: (i) => i.parentCode, width: 10 },
      { header: '上級名稱 Parent', value: (i) => i.parentName, width: 36 },
    ],
  },
};

/** 行業 (GB/T 4754-2017): sections A–T from the migration, finer codes added under them. */
@Injectable()
export class IndustryService extends ReferenceDataService<Industry, IndustryDto, CreateIndustryDto, UpdateIndustryDto, ListIndustriesDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, INDUSTRIES);
  }
}
