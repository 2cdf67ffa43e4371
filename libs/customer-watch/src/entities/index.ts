export * from './abnormal-case.entity';
export * from './abnormal-case-event.entity';
export * from './potential-key-account.entity';
export * from './potential-key-account-note.entity';
