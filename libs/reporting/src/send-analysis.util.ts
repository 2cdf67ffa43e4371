import type { Response } from 'express';
import { AnalysisTable } from './analysis-table.types';
import { assertAnalysisTable } from './analysis-table.util';
import { writeAnalysisWorkbook } from './analysis-workbook.util';
import { defaultChartOptions, renderChartSvg } from './chart-svg.util';
import { contentDisposition } from './content-disposition.util';
import { AnalysisFormat, AnalysisRenderQueryDto } from './dto/analysis-render-query.dto';

export const ANALYSIS_CONTENT_TYPES: Record<AnalysisFormat, string> = {
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface SendAnalysisOptions {
  /** File name without extension; default `<titleZh>-<period>` (UTF-8, sent RFC 5987-encoded). */
  filename?: string;
  /** Workbook "generated at"; default now. */
  generatedAt?: Date;
}

/** `<titleZh>-<period>` without characters file systems refuse. */
export function defaultAnalysisFilename(table: AnalysisTable): string {
  return [table.titleZh, table.asOf.period].filter(Boolean).join('-').replace(/[\\/:*?"<>|\r\n]/g, '_');
}

/**
 * Answers an analysis in the format the query asks for, from a controller that injected the
 * response with `@Res()`:
 *
 * ```ts
 * @Get('customers')
 * async customers(@Query() q: CustomerReportQueryDto, @Res() res: Response): Promise<void> {
 *   await sendAnalysis(res, toTable(await this.analytics.customers(q)), q);
 * }
 * ```
 *
 * - `json` (default): the table as JSON;
 * - `svg`: a chart (`chart`, `x`, `series`, `width`, `height`; defaults from the table), inline,
 *   with `nosniff` and a CSP that forbids scripts;
 * - `xlsx`: a workbook download (`writeAnalysisWorkbook`).
 * Every check (table shape, chart options → 400 `DomainException`) runs before the status line,
 * so errors still reach the exception filter; an XLSX that fails mid-stream breaks the connection.
 */
export async function sendAnalysis(res: Response, table: AnalysisTable, query: AnalysisRenderQueryDto, options: SendAnalysisOptions = {}): Promise<void> {
  assertAnalysisTable(table);
  const format = query.format ?? 'json';
  const filename = options.filename ?? defaultAnalysisFilename(table);
  if (format === 'json') {
    res.status(200).type(ANALYSIS_CONTENT_TYPES.json).send(JSON.stringify(table));
    return;
  }
  if (format === 'svg') {
    const defaults = defaultChartOptions(table, query.chart ?? 'bar');
    const svg = renderChartSvg(table, {
      ...defaults,
      x: query.x ?? defaults.x,
      series: query.series?.length ? query.series : defaults.series,
      width: query.width,
      height: query.height,
    });
    res.status(200);
    res.setHeader('Content-Type', ANALYSIS_CONTENT_TYPES.svg);
    res.setHeader('Content-Disposition', contentDisposition(`${filename}.svg`, 'inline'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.send(svg);
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', ANALYSIS_CONTENT_TYPES.xlsx);
  res.setHeader('Content-Disposition', contentDisposition(`${filename}.xlsx`));
  try {
    await writeAnalysisWorkbook(table, res, { generatedAt: options.generatedAt });
  } catch (err) {
    // headers are gone: the only honest signal left is to break the connection
    res.destroy(err as Error);
    throw err;
  }
}
