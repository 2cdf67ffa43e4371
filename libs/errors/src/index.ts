export * from './all-exceptions.filter';
export * from './domain.exception';
export * from './error-code.constants';
export * from './error-response.dto';
export * from './validation.factory';
export * from './reject-nulls.util';
export * from './stale-version.util';
