export * from './import-job.entity';
export * from './import-rejection.entity';
