import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { OperationsPolicy } from '../entities';
import { OPERATIONS_POLICY_ENTITY, PolicyStatus } from '../operations-info.constants';
import { checkPeriod } from '../resource/invalid-field.util';
import { iso, localDate, SQL_TODAY } from '../resource/local-date.util';
import { OperationsResourceService } from '../resource/operations-resource.service';
import { ResourceDefinition } from '../resource/operations-resource.types';
import { CreatePolicyDto, ListPolicyDto, PolicyDto, UpdatePolicyDto } from './policy.dto';

const STATUS_NAMES: Record<PolicyStatus, string> = { draft: '草稿', in_force: '生效', repealed: '廢止' };
const LEVEL_NAMES: Record<string, string> = { national: '國家', provincial: '省', city: '市' };

const effectiveNow = (p: OperationsPolicy, today: string): boolean =>
  p.status === PolicyStatus.InForce && p.effectiveFrom <= today && (p.effectiveTo === null || p.effectiveTo >= today);

export function policyDefinition(timezone: string): ResourceDefinition<OperationsPolicy, PolicyDto, ListPolicyDto> {
  return {
    target: OperationsPolicy,
    alias: 'pol',
    entityType: OPERATIONS_POLICY_ENTITY,
    label: 'Policy',
    key: 'id',
    createdByField: 'createdBy',
    searchColumns: ['pol.code', 'pol.title'],
    sorts: { code: 'pol.code', title: 'pol.title', effectiveFrom: 'pol.effectiveFrom', createdAt: 'pol.createdAt' },
    filter(qb, q, ctx) {
      if (q.kind) qb.andWhere('pol.kind = :kind', { kind: q.kind });
      if (q.level) qb.andWhere('pol.level = :level', { level: q.level });
      if (q.status) qb.andWhere('pol.status = :status', { status: q.status });
      if (q.issuer) qb.andWhere('pol.issuer = :issuer', { issuer: q.issuer });
      if (q.effectiveOn) qb.andWhere('pol.effective_from <= :effectiveOn AND (pol.effective_to IS NULL OR pol.effective_to >= :effectiveOn)', { effectiveOn: q.effectiveOn });
      if (q.currentlyEffective !== undefined) {
        const now = `pol.status = 'in_force' AND pol.effective_from <= ${SQL_TODAY} AND (pol.effective_to IS NULL OR pol.effective_to >= ${SQL_TODAY})`;
        qb.andWhere(q.currentlyEffective ? `(${now})` : `NOT (${now})`, { tz: ctx.timezone });
      }
    },
    uniques: { ux_operations_policy_code: 'A policy with this code already exists' },
    async validate(_manager, row) {
      checkPeriod('effectiveFrom', row.effectiveFrom, 'effectiveTo', row.effectiveTo);
      row.attachments = (row.attachments ?? []).map((a) => ({ name: a.name, mediaType: a.mediaType, sizeBytes: a.sizeBytes, location: a.location ?? null }));
    },
    toResponse: (p) => ({
      id: p.id,
      code: p.code,
      title: p.title,
      kind: p.kind,
      issuer: p.issuer,
      level: p.level,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo,
      status: p.status,
      currentlyEffective: effectiveNow(p, localDate(timezone)),
      content: p.content,
      attachments: p.attachments,
      createdBy: p.createdBy,
      createdAt: iso(p.createdAt)!,
      updatedAt: iso(p.updatedAt)!,
      version: p.version,
    }),
    export: {
      title: '政策 Policies',
      filename: 'policies',
      columns: [
        { header: '編號 Code', value: (p) => p.code, width: 18 },
        { header: '標題 Title', value: (p) => p.title, width: 40 },
        { header: '類型 Kind', value: (p) => (p.kind === 'internal' ? '內部 internal' : '監管 regulatory'), width: 14 },
        { header: '發文單位 Issuer', value: (p) => p.issuer, width: 20 },
        { header: '級別 Level', value: (p) => `${LEVEL_NAMES[p.level]} ${p.level}`, width: 14 },
        { header: '生效 From', value: (p) => p.effectiveFrom, width: 12 },
        { header: '失效 To', value: (p) => p.effectiveTo, width: 12 },
        { header: '狀態 Status', value: (p) => `${STATUS_NAMES[p.status]} ${p.status}`, width: 14 },
        { header: '附件 Attachments', value: (p) => p.attachments.map((a) => a.name).join('; '), width: 30 },
        { header: '內容 Content', value: (p) => p.content, width: 60 },
      ],
    },
  };
}

/** 政策: internal rules and regulatory policies. */
@Injectable()
export class PolicyService extends OperationsResourceService<OperationsPolicy, PolicyDto, CreatePolicyDto, UpdatePolicyDto, ListPolicyDto> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, @Inject(NODE_CONFIG) node: NodeConfig) {
    super(dataSource, audit, policyDefinition(node.timezone), { timezone: node.timezone });
  }
}
