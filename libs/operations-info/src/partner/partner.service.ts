import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { maskPhone } from '@crm/personal-data';
import { BusinessPartner } from '../entities';
import { BUSINESS_PARTNER_ENTITY } from '../operations-info.constants';
import { checkPeriod } from '../resource/invalid-field.util';
import { iso, SQL_TODAY } from '../resource/local-date.util';
import { OperationsResourceService } from '../resource/operations-resource.service';
import { ResourceDefinition } from '../resource/operations-resource.types';
import { CreatePartnerDto, ListPartnerDto, PartnerDto, UpdatePartnerDto } from './partner.dto';

const TYPE_NAMES: Record<string, string> = { agent: '代理商', content_provider: '內容提供商', equipment_vendor: '設備供應商', channel: '渠道', service_provider: '服務外包', other: '其他' };
const STATUS_NAMES: Record<string, string> = { prospective: '洽談中', active: '合作中', suspended: '暫停', terminated: '終止' };

const maskedPhone = (phone: string | null): string | null => (phone === null ? null : maskPhone(phone));

export const PARTNER: ResourceDefinition<BusinessPartner, PartnerDto, ListPartnerDto> = {
  target: BusinessPartner,
  alias: 'bp',
  entityType: BUSINESS_PARTNER_ENTITY,
  label: 'Partner',
  key: 'id',
  createdByField: 'createdBy',
  searchColumns: ['bp.name', 'bp.contact_person'],
  sorts: { name: 'bp.name', contractTo: 'bp.contractTo', createdAt: 'bp.createdAt' },
  filter(qb, q, ctx) {
    if (q.type) qb.andWhere('bp.type = :type', { type: q.type });
    if (q.status) qb.andWhere('bp.status = :status', { status: q.status });
    if (q.contractEndsBy) qb.andWhere('bp.contract_to <= :contractEndsBy', { contractEndsBy: q.contractEndsBy });
    if (q.underContract !== undefined) {
      const under = `bp.contract_from IS NOT NULL AND bp.contract_from <= ${SQL_TODAY} AND (bp.contract_to IS NULL OR bp.contract_to >= ${SQL_TODAY})`;
      qb.andWhere(q.underContract ? `(${under})` : `NOT (${under})`, { tz: ctx.timezone });
    }
  },
  uniques: { ux_business_partner_name: 'A partner with this name already exists' },
  personalData: true,
  async validate(_manager, row) {
    checkPeriod('contractFrom', row.contractFrom, 'contractTo', row.contractTo);
  },
  auditValues: (p) => ({
    name: p.name,
    type: p.type,
    contactPerson: p.contactPerson,
    contactPhone: maskedPhone(p.contactPhone),
    cooperationScope: p.cooperationScope,
    contractFrom: p.contractFrom,
    contractTo: p.contractTo,
    status: p.status,
  }),
  toResponse: (p, viewer) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    contactPerson: p.contactPerson,
    contactPhone: viewer.personalData ? p.contactPhone : maskedPhone(p.contactPhone),
    personalDataMasked: !viewer.personalData,
    cooperationScope: p.cooperationScope,
    contractFrom: p.contractFrom,
    contractTo: p.contractTo,
    status: p.status,
    createdBy: p.createdBy,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
    version: p.version,
  }),
  export: {
    title: '合作夥伴 Partners',
    filename: 'partners',
    columns: [
      { header: '名稱 Name', value: (p) => p.name, width: 30 },
      { header: '類型 Type', value: (p) => `${TYPE_NAMES[p.type]} ${p.type}`, width: 20 },
      { header: '聯繫人 Contact', value: (p) => p.contactPerson, width: 12 },
      { header: '聯繫電話 Phone', value: (p) => p.contactPhone, width: 16 },
      { header: '合作範圍 Scope', value: (p) => p.cooperationScope, width: 40 },
      { header: '合同起 Contract from', value: (p) => p.contractFrom, width: 12 },
      { header: '合同止 Contract to', value: (p) => p.contractTo, width: 12 },
      { header: '狀態 Status', value: (p) => `${STATUS_NAMES[p.status]} ${p.status}`, width: 14 },
    ],
  },
};

/** 合作夥伴: agents, content providers, equipment vendors, channels…; contact phones are personal data. */
@Injectable()
export class PartnerService extends OperationsResourceService<BusinessPartner, PartnerDto, CreatePartnerDto, UpdatePartnerDto, ListPartnerDto> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, @Inject(NODE_CONFIG) node: NodeConfig) {
    super(dataSource, audit, PARTNER, { timezone: node.timezone });
  }
}
