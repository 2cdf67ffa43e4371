export * from './base-config.factory';
export * from './billing.factory';
export * from './customer.factory';
export * from './product.factory';
export * from './test-infra.util';
export * from './test-node.util';
export * from './test-topology.util';
export * from './wait-for.util';
