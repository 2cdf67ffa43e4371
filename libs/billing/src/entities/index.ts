export * from './account.entity';
export * from './arrear.entity';
export * from './bill-item.entity';
export * from './bill.entity';
export * from './dunning-task.entity';
export * from './payment.entity';
export * from './usage-record.entity';
