import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { BusinessHall } from '../entities/business-hall.entity';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { BusinessHallDto, CreateBusinessHallDto, ListBusinessHallsDto, UpdateBusinessHallDto } from './business-hall.dto';

export const BUSINESS_HALLS: ResourceDefinition<BusinessHall, BusinessHallDto, ListBusinessHallsDto> = {
  target: BusinessHall,
  alias: 'h',
  entityType: 'business_hall',
  label: 'Business hall',
  key: 'code',
  joins: [{ relation: 'district', alias: 'hd' }],
  searchColumns: ['code', 'name'],
  sorts: { code: 'code', name: 'name' },
  filter(qb, q) {
    if (q.districtCode) qb.andWhere('h.district_code = :districtCode', { districtCode: q.districtCode });
    if (q.active !== undefined) qb.andWhere('h.active = :active', { active: q.active });
  },
  references: { fk_business_hall_district: 'districtCode' },
  toResponse: (h) => ({
    code: h.code,
    name: h.name,
    districtCode: h.districtCode,
    districtName: h.district?.name ?? h.districtCode,
    address: h.address,
    phone: h.phone,
    openingHours: h.openingHours,
    active: h.active,
    version: h.version,
  }),
  export: {
    title: '營業廳 Business halls',
    filename: 'business-halls',
    columns: [
      { header: '營業廳代碼 Code', value: (h) => h.code, width: 14 },
      { header: '營業廳名稱 Name', value: (h) => h.name, width: 24 },
      { header: '區縣 District', value: (h) => h.districtName, width: 12 },
      { header: '地址 Address', value: (h) => h.address, width: 30 },
      { header: '電話 Phone', value: (h) => h.phone, width: 16 },
      { header: '營業時間 Opening hours', value: (h) => h.openingHours, width: 16 },
      { header: '在用 Active', value: (h) => (h.active ? '是' : '否'), width: 8 },
    ],
  },
};

/** 營業廳: the city's business halls, each in a district. */
@Injectable()
export class BusinessHallService extends ReferenceDataService<BusinessHall, BusinessHallDto, CreateBusinessHallDto, UpdateBusinessHallDto, ListBusinessHallsDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, BUSINESS_HALLS);
  }
}
