export * from './service-outage.entity';
export * from './service-outage-customer.entity';
export * from './care-task.entity';
export * from './care-task-event.entity';
export * from './service-plan.entity';
export * from './service-plan-transition.entity';
export * from './service-plan-stage-result.entity';
export * from './service-plan-evaluation.entity';
