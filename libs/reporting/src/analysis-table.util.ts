import { DomainException } from '@crm/errors';
import { AnalysisCell, AnalysisColumn, AnalysisTable } from './analysis-table.types';

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * Checks a table built by an analysis: unique well-formed keys, labels present, measures numeric.
 * A failure is a programming error in the analysis, so it throws a plain `Error` (→ 500).
 */
export function assertAnalysisTable(table: AnalysisTable): void {
  const seen = new Set<string>();
  for (const c of table.columns) {
    if (!KEY.test(c.key)) throw new Error(`analysis table: column key "${c.key}" is not [A-Za-z][A-Za-z0-9_]*`);
    if (seen.has(c.key)) throw new Error(`analysis table: duplicate column "${c.key}"`);
    if (!c.labelZh || !c.labelEn) throw new Error(`analysis table: column "${c.key}" needs a Chinese and an English label`);
    seen.add(c.key);
  }
  table.rows.forEach((row, i) => {
    for (const c of table.columns) {
      const v = row[c.key];
      if (c.kind === 'measure' && v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new Error(`analysis table: row ${i} column "${c.key}" is a measure but holds ${JSON.stringify(v)}`);
      }
    }
  });
}

/** The column named `key`, or a 400 naming the query field and the columns that exist. */
export function columnOf(table: AnalysisTable, key: string, field: string, kind?: AnalysisColumn['kind']): AnalysisColumn {
  const column = table.columns.find((c) => c.key === key);
  const allowed = table.columns.filter((c) => !kind || c.kind === kind).map((c) => c.key);
  if (!column || (kind && column.kind !== kind)) {
    throw DomainException.badRequest(`Unknown ${kind ?? 'column'} "${key}" for ${field}`, [
      { field, problem: `must be one of: ${allowed.join(', ') || '(none)'}` },
    ]);
  }
  return column;
}

/** A measure's value as displayed: fen → yuan, rate stays a fraction (formats add the %). */
export function displayValue(column: AnalysisColumn, v: AnalysisCell | undefined): AnalysisCell {
  if (v === undefined || v === null) return null;
  if (column.kind === 'measure' && column.unit === 'fen' && typeof v === 'number') return v / 100;
  return v;
}

/** Unit suffixes for labels: `（元）` / ` (CNY)` for money, `（%）` / ` (%)` for rates. */
export function unitSuffix(column: AnalysisColumn): { zh: string; en: string } {
  if (column.kind !== 'measure') return { zh: '', en: '' };
  if (column.unit === 'fen') return { zh: '（元）', en: ' (CNY)' };
  if (column.unit === 'rate') return { zh: '（%）', en: ' (%)' };
  return { zh: '', en: '' };
}

/** `客戶數 Customers`, with the unit suffix. */
export function bilingualLabel(column: AnalysisColumn): string {
  const u = unitSuffix(column);
  return `${column.labelZh}${u.zh} ${column.labelEn}${u.en}`;
}
