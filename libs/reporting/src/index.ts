export * from './analysis-table.types';
export * from './analysis-table.util';
export * from './analysis-workbook.util';
export * from './chart-svg.util';
export * from './content-disposition.util';
export * from './dto/analysis-render-query.dto';
export * from './send-analysis.util';
