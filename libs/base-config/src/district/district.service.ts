import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { District } from '../entities/district.entity';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ResourceDefinition } from '../reference-data/reference-data.types';
import { CreateDistrictDto, DistrictDto, ListDistrictsDto, UpdateDistrictDto } from './district.dto';

export const DISTRICTS: ResourceDefinition<District, DistrictDto, ListDistrictsDto> = {
  target: District,
  alias: 'd',
  entityType: 'district',
  label: 'District',
  key: 'code',
  searchColumns: ['code', 'name'],
  sorts: { code: 'code', name: 'name' },
  toResponse: (d) => ({ code: d.code, name: d.name, version: d.version }),
  export: {
    title: '區縣 Districts',
    filename: 'districts',
    columns: [
      { header: '區縣代碼 Code', value: (d) => d.code, width: 10 },
      { header: '區縣名稱 Name', value: (d) => d.name, width: 20 },
    ],
  },
};

/** 區縣 (service areas): a customer's or a business hall's district; referenced ones cannot be deleted. */
@Injectable()
export class DistrictService extends ReferenceDataService<District, DistrictDto, CreateDistrictDto, UpdateDistrictDto, ListDistrictsDto> {
  constructor(dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, DISTRICTS);
  }
}
