import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { MacroInfoItem } from '../entities';
import { MACRO_INFO_ENTITY, MacroInfoCategory, ScopeLevel } from '../operations-info.constants';
import { checkPeriod, invalidField } from '../resource/invalid-field.util';
import { iso, localDate, SQL_TODAY } from '../resource/local-date.util';
import { OperationsResourceService } from '../resource/operations-resource.service';
import { ResourceDefinition } from '../resource/operations-resource.types';
import { CreateMacroInfoDto, ListMacroInfoDto, MacroInfoDto, UpdateMacroInfoDto } from './macro-info.dto';

const CATEGORY_NAMES: Record<MacroInfoCategory, string> = {
  economy: '經濟',
  policy: '政策法規',
  industry: '行業',
  competition: '競爭',
  technology: '技術',
  society: '社會',
  other: '其他',
};
const SCOPE_NAMES: Record<ScopeLevel, string> = { national: '全國', province: '省', city: '市', district: '區縣' };

const validNow = (row: { validFrom: string; validTo: string | null }, today: string): boolean => row.validFrom <= today && (row.validTo === null || row.validTo >= today);

/** The scope's codes must fit its level: none for national, province / city codes, or districts of this city. */
async function checkScope(manager: EntityManager, row: MacroInfoItem): Promise<void> {
  const codes = row.scopeCodes ?? [];
  if (new Set(codes).size !== codes.length) throw invalidField('scopeCodes', 'must not repeat a code');
  if (row.scopeLevel === ScopeLevel.National) {
    if (codes.length) throw invalidField('scopeCodes', 'must be empty for a national scope');
    return;
  }
  if (!codes.length) throw invalidField('scopeCodes', `must list at least one code for a ${row.scopeLevel} scope`);
  if (row.scopeLevel === ScopeLevel.Province && codes.some((c) => !/^\d{2}0000$/.test(c))) throw invalidField('scopeCodes', 'must be province codes (xx0000) for a province scope');
  if (row.scopeLevel === ScopeLevel.City && codes.some((c) => !/^\d{4}00$/.test(c) || c.endsWith('0000'))) throw invalidField('scopeCodes', 'must be city codes (xxxx00) for a city scope');
  if (row.scopeLevel === ScopeLevel.District) {
    const known: { code: string }[] = await manager.query(`SELECT code FROM district WHERE code = ANY($1::char(6)[])`, [codes]);
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length) throw invalidField('scopeCodes', `lists districts that do not exist: ${unknown.join(', ')}`);
  }
}

export function macroInfoDefinition(timezone: string): ResourceDefinition<MacroInfoItem, MacroInfoDto, ListMacroInfoDto> {
  return {
    target: MacroInfoItem,
    alias: 'mi',
    entityType: MACRO_INFO_ENTITY,
    label: 'Macro information item',
    key: 'id',
    createdByField: 'createdBy',
    searchColumns: ['mi.title', 'mi.source'],
    sorts: { publishedAt: 'mi.publishedAt', validFrom: 'mi.validFrom', validTo: 'mi.validTo', title: 'mi.title', createdAt: 'mi.createdAt' },
    filter(qb, q, ctx) {
      if (q.category?.length) qb.andWhere('mi.category IN (:...categories)', { categories: q.category });
      if (q.scopeLevel) qb.andWhere('mi.scope_level = :scopeLevel', { scopeLevel: q.scopeLevel });
      if (q.scopeCode) qb.andWhere(':scopeCode = ANY(mi.scope_codes)', { scopeCode: q.scopeCode });
      if (q.tag) qb.andWhere(':tag = ANY(mi.tags)', { tag: q.tag });
      if (q.validOn) qb.andWhere('mi.valid_from <= :validOn AND (mi.valid_to IS NULL OR mi.valid_to >= :validOn)', { validOn: q.validOn });
      if (q.currentlyValid !== undefined) {
        const valid = `mi.valid_from <= ${SQL_TODAY} AND (mi.valid_to IS NULL OR mi.valid_to >= ${SQL_TODAY})`;
        qb.andWhere(q.currentlyValid ? `(${valid})` : `NOT (${valid})`, { tz: ctx.timezone });
      }
      if (q.publishedFrom) qb.andWhere('mi.published_at >= (:publishedFrom::date)::timestamp AT TIME ZONE :tz', { publishedFrom: q.publishedFrom, tz: ctx.timezone });
      if (q.publishedTo) qb.andWhere('mi.published_at < (:publishedTo::date + 1)::timestamp AT TIME ZONE :tz', { publishedTo: q.publishedTo, tz: ctx.timezone });
    },
    async validate(manager, row) {
      row.publishedAt = new Date(row.publishedAt);
      checkPeriod('validFrom', row.validFrom, 'validTo', row.validTo);
      row.tags = [...new Set(row.tags ?? [])];
      await checkScope(manager, row);
    },
    toResponse: (m) => ({
      id: m.id,
      category: m.category,
      title: m.title,
      publishedAt: iso(m.publishedAt)!,
      validFrom: m.validFrom,
      validTo: m.validTo,
      currentlyValid: validNow(m, localDate(timezone)),
      scopeLevel: m.scopeLevel,
      scopeCodes: m.scopeCodes,
      content: m.content,
      businessRelevance: m.businessRelevance,
      tags: m.tags,
      source: m.source,
      createdBy: m.createdBy,
      createdAt: iso(m.createdAt)!,
      updatedAt: iso(m.updatedAt)!,
      version: m.version,
    }),
    export: {
      title: '宏觀信息 Macro information',
      filename: 'macro-information',
      columns: [
        { header: '類別 Category', value: (m) => `${CATEGORY_NAMES[m.category]} ${m.category}`, width: 16 },
        { header: '標題 Title', value: (m) => m.title, width: 40 },
        { header: '發佈時間 Published', value: (m) => m.publishedAt, width: 24 },
        { header: '有效期起 Valid from', value: (m) => m.validFrom, width: 12 },
        { header: '有效期止 Valid to', value: (m) => m.validTo, width: 12 },
        { header: '當前有效 Currently valid', value: (m) => (m.currentlyValid ? '是' : '否'), width: 8 },
        { header: '範圍 Scope', value: (m) => `${SCOPE_NAMES[m.scopeLevel]} ${m.scopeCodes.join(' ')}`.trim(), width: 20 },
        { header: '與業務的關係 Relevance', value: (m) => m.businessRelevance, width: 40 },
        { header: '標籤 Tags', value: (m) => m.tags.join(', '), width: 20 },
        { header: '來源 Source', value: (m) => m.source, width: 24 },
        { header: '內容 Content', value: (m) => m.content, width: 60 },
      ],
    },
  };
}

/** 宏觀信息: social, economic, policy, industry, competition and technology items with validity and scope. */
@Injectable()
export class MacroInfoService extends OperationsResourceService<MacroInfoItem, MacroInfoDto, CreateMacroInfoDto, UpdateMacroInfoDto, ListMacroInfoDto> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, @Inject(NODE_CONFIG) node: NodeConfig) {
    super(dataSource, audit, macroInfoDefinition(node.timezone), { timezone: node.timezone });
  }
}
