export * from './base-config.constants';
export * from './base-config.entities';
export * from './entities';
export * from './base-config.module';
// the generic pieces of the reference-data CRUD that other resource libraries reuse
export { keyParamPipe, pageDtoOf } from './reference-data/reference-data.controller';
export type { ExportSpec, Versioned, VersionedChange, Viewer } from './reference-data/reference-data.types';
