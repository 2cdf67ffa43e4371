export * from './export/export-format';
export * from './export/export-writer';
export * from './export/query-stream.util';
export * from './import/import-target';
