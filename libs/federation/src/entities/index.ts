export * from './fact-slice.entity';
export * from './fact.entity';
export * from './inbox-batch.entity';
export * from './outbox-batch.entity';
export * from './security-event.entity';
export * from './message-inbox.entity';
export * from './message-outbox.entity';
