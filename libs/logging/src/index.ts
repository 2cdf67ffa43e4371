export * from './logging.constants';
export * from './logging.module';
export * from './request-id.decorator';
