export * from './customer-segment.entity';
