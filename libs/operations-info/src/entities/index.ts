export * from './business-partner.entity';
export * from './macro-info-item.entity';
export * from './operations-policy.entity';
export * from './operations-staff-profile.entity';
export * from './product-service-info.entity';
