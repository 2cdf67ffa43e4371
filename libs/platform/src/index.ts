export * from './bootstrap';
export * from './core.module';
export * from './health.module';
export * from './node-cli';
export * from './pagination/page-query.dto';
export * from './validation/is-calendar-date.validator';
export * from './validation/is-optional-not-null.decorator';
export * from './validation/is-iso-date-time.decorator';
