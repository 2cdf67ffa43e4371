import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@crm/audit';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ProductServiceInfo } from '../entities';
import { PRODUCT_SERVICE_INFO_ENTITY } from '../operations-info.constants';
import { checkPeriod } from '../resource/invalid-field.util';
import { iso, localDate, SQL_TODAY } from '../resource/local-date.util';
import { OperationsResourceService } from '../resource/operations-resource.service';
import { ResourceDefinition } from '../resource/operations-resource.types';
import { CreateProductInfoDto, ListProductInfoDto, ProductInfoDto, UpdateProductInfoDto } from './product-info.dto';

const onSaleOn = (p: { launchDate: string | null; retireDate: string | null }, today: string): boolean => (p.launchDate === null || p.launchDate <= today) && (p.retireDate === null || p.retireDate > today);

export function productInfoDefinition(timezone: string): ResourceDefinition<ProductServiceInfo, ProductInfoDto, ListProductInfoDto> {
  return {
    target: ProductServiceInfo,
    alias: 'psi',
    entityType: PRODUCT_SERVICE_INFO_ENTITY,
    label: 'Product and service information',
    key: 'id',
    createdByField: 'createdBy',
    joins: [{ relation: 'product', alias: 'psp' }],
    searchColumns: ['psi.name', 'psi.product_code'],
    sorts: { name: 'psi.name', launchDate: 'psi.launchDate', retireDate: 'psi.retireDate', createdAt: 'psi.createdAt' },
    filter(qb, q, ctx) {
      if (q.kind) qb.andWhere('psi.kind = :kind', { kind: q.kind });
      if (q.productCode) qb.andWhere('psi.product_code = :productCode', { productCode: q.productCode });
      if (q.targetSegment) qb.andWhere(':segment = ANY(psi.target_segments)', { segment: q.targetSegment });
      if (q.competitor) qb.andWhere(`psi.competitor_equivalents @> jsonb_build_array(jsonb_build_object('competitor', :competitor::text))`, { competitor: q.competitor });
      if (q.onSale !== undefined) {
        const onSale = `(psi.launch_date IS NULL OR psi.launch_date <= ${SQL_TODAY}) AND (psi.retire_date IS NULL OR psi.retire_date > ${SQL_TODAY})`;
        qb.andWhere(q.onSale ? `(${onSale})` : `NOT (${onSale})`, { tz: ctx.timezone });
      }
    },
    references: { fk_product_service_info_product: 'productCode' },
    async validate(_manager, row) {
      checkPeriod('launchDate', row.launchDate, 'retireDate', row.retireDate);
      row.competitorEquivalents = (row.competitorEquivalents ?? []).map((c) => ({ competitor: c.competitor, offer: c.offer, monthlyFeeFen: c.monthlyFeeFen ?? null, note: c.note ?? null }));
    },
    toResponse: (p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      productCode: p.productCode,
      productName: p.product?.name ?? null,
      description: p.description,
      launchDate: p.launchDate,
      retireDate: p.retireDate,
      onSale: onSaleOn(p, localDate(timezone)),
      targetSegments: p.targetSegments,
      sellingPoints: p.sellingPoints,
      competitorEquivalents: p.competitorEquivalents,
      createdBy: p.createdBy,
      createdAt: iso(p.createdAt)!,
      updatedAt: iso(p.updatedAt)!,
      version: p.version,
    }),
    export: {
      title: '產品與服務信息 Product and service information',
      filename: 'product-service-information',
      columns: [
        { header: '名稱 Name', value: (p) => p.name, width: 30 },
        { header: '類型 Kind', value: (p) => p.kind, width: 12 },
        { header: '產品編碼 Product', value: (p) => p.productCode, width: 16 },
        { header: '產品名稱 Product name', value: (p) => p.productName, width: 24 },
        { header: '上市 Launch', value: (p) => p.launchDate, width: 12 },
        { header: '退市 Retire', value: (p) => p.retireDate, width: 12 },
        { header: '在售 On sale', value: (p) => (p.onSale ? '是' : '否'), width: 8 },
        { header: '目標客群 Target segments', value: (p) => p.targetSegments.join(', '), width: 24 },
        { header: '賣點 Selling points', value: (p) => p.sellingPoints.join('; '), width: 40 },
        {
          header: '競品對標 Competitor equivalents',
          value: (p) => p.competitorEquivalents.map((c) => `${c.competitor}: ${c.offer}${c.monthlyFeeFen != null ? ` (${(c.monthlyFeeFen / 100).toFixed(2)} 元/月)` : ''}`).join('; '),
          width: 40,
        },
        { header: '說明 Description', value: (p) => p.description, width: 40 },
      ],
    },
  };
}

/** 產品與服務信息: commercial information about products and services, linked to the catalogue when given. */
@Injectable()
export class ProductInfoService extends OperationsResourceService<ProductServiceInfo, ProductInfoDto, CreateProductInfoDto, UpdateProductInfoDto, ListProductInfoDto> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, @Inject(NODE_CONFIG) node: NodeConfig) {
    super(dataSource, audit, productInfoDefinition(node.timezone), { timezone: node.timezone });
  }
}
