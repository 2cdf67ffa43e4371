import { AnalysisTable } from './analysis-table.types';

/** A small table for the reporting specs: two cities, a count, money in fen and a rate. */
export function sampleAnalysis(overrides: Partial<AnalysisTable> = {}): AnalysisTable {
  return {
    titleZh: '各市客戶與收入',
    titleEn: 'Customers and revenue by city',
    columns: [
      { key: 'city', labelZh: '城市', labelEn: 'City', kind: 'dimension' },
      { key: 'customers', labelZh: '客戶數', labelEn: 'Customers', kind: 'measure', unit: 'count' },
      { key: 'newCustomers', labelZh: '新增客戶', labelEn: 'New customers', kind: 'measure', unit: 'count' },
      { key: 'revenueFen', labelZh: '收入', labelEn: 'Revenue', kind: 'measure', unit: 'fen' },
      { key: 'churnRate', labelZh: '流失率', labelEn: 'Churn rate', kind: 'measure', unit: 'rate' },
    ],
    rows: [
      { city: '廣州', customers: 1520, newCustomers: 37, revenueFen: 1234567, churnRate: 0.125 },
      { city: '深圳', customers: 980, newCustomers: 21, revenueFen: 88800, churnRate: 0.0625 },
    ],
    asOf: {
      period: '2026-11-30',
      sources: [
        { originNode: '440100', name: '廣州', version: '17', producedAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:05:00.000Z' },
        { originNode: '440300', name: '深圳', version: '9', producedAt: null, updatedAt: '2026-12-01T01:06:00.000Z' },
      ],
      missing: ['440400'],
    },
    scope: { node: '440000', province: '440000', city: null },
    ...overrides,
  };
}
