export * from './escalation.entity';
export * from './service-escalation.entity';
