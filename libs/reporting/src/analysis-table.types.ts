/**
 * The one shape every analysis (分析) answers before it is rendered: a flat table of dimension
 * and measure columns, bilingual labels, and how fresh the underlying facts are. JSON, SVG charts
 * and XLSX workbooks are all produced from it.
 */

/**
 * How a measure is stored and shown.
 * - `count`: an integer count (`#,##0`).
 * - `fen`: money in integer fen (分); shown in yuan (元) with two decimals (value / 100).
 * - `rate`: a fraction 0..1; shown as a percentage (`0.00%`).
 * - `number`: any other number (`#,##0.##`).
 */
export const ANALYSIS_UNITS = ['count', 'fen', 'rate', 'number'] as const;
export type AnalysisUnit = (typeof ANALYSIS_UNITS)[number];

export interface AnalysisColumn {
  /** Key of the value in each row; `[A-Za-z][A-Za-z0-9_]*`. */
  key: string;
  /** Chinese label, e.g. `客戶數`. */
  labelZh: string;
  /** English label, e.g. `Customers`. */
  labelEn: string;
  /** A dimension groups (city, band, month); a measure is a number. */
  kind: 'dimension' | 'measure';
  /** Measures only; default `number`. */
  unit?: AnalysisUnit;
}

/** A cell: dimension values are strings (numbers allowed, e.g. a year); measures are numbers or null. */
export type AnalysisCell = string | number | null;

export type AnalysisRow = Record<string, AnalysisCell>;

/** One origin city's batch used, as in the analytics `freshness` list. */
export interface AnalysisSource {
  originNode: string;
  name: string;
  version: string;
  producedAt: string | null;
  updatedAt: string;
}

/** As of when the figures are (截至). */
export interface AnalysisAsOf {
  /** Day `YYYY-MM-DD` or month `YYYY-MM(-01)`; null when no facts exist in scope yet. */
  period: string | null;
  /** Batches of each origin city used. */
  sources?: AnalysisSource[];
  /** Cities of the scope with no facts for the period. */
  missing?: string[];
}

/** Where the figures come from (範圍): the answering node and the drill-down. */
export interface AnalysisScope {
  node: string;
  province?: string | null;
  city?: string | null;
  /** Human description, e.g. `廣東省 Guangdong`. */
  label?: string;
}

export interface AnalysisTable {
  titleZh: string;
  titleEn: string;
  columns: AnalysisColumn[];
  rows: AnalysisRow[];
  asOf: AnalysisAsOf;
  scope?: AnalysisScope;
}
