export * from './customer-360.dto';
export * from './customer-view.module';
