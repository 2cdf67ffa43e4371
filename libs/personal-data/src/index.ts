export * from './personal-data.util';
