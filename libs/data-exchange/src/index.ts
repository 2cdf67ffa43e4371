/** Streamed exports live in @crm/export (no dependencies on domains); re-exported for callers of this library. */
export * from '@crm/export';
export * from './import/import-target';
export * from './import/import.constants';
export * from './import/import.entities';
export * from './import/entities';
export * from './import/import.module';
export * from './import/import-worker.module';
export * from './import/import-runner.service';
export * from './import/import-file.util';
export { ImportJobDto, ImportRejectionDto } from './import/dto/import-job.dto';
export { ImportService, StoredUpload } from './import/import.service';
