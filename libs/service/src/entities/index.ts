export * from './service-request.entity';
export * from './service-request-event.entity';
export * from './service-request-attachment.entity';
export * from './service-request-notification.entity';
export * from './service-request-return-visit.entity';
