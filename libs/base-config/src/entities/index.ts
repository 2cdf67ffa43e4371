export * from './business-hall.entity';
export * from './customer-level.entity';
export * from './customer-status-definition.entity';
export * from './district.entity';
export * from './industry.entity';
export * from './service-department.entity';
export * from './staff-contact-record.entity';
export * from './staff.entity';
