export * from './config.constants';
export * from './config.module';
export * from './division-code.util';
export * from './load-node-config';
export * from './node-config';
export * from './topology';
export * from './topology.types';
export * from './seed-settings';
