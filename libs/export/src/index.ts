export * from './export-format';
export * from './export-writer';
export * from './query-stream.util';
