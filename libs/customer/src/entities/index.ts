export * from './customer-contact.entity';
export * from './customer-status-change.entity';
export * from './customer.entity';
