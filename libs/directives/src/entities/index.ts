export * from './directive.entity';
export * from './directive-receipt.entity';
