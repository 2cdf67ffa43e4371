export * from './customer.factory';
export * from './test-infra.util';
export * from './test-node.util';
export * from './test-topology.util';
export * from './wait-for.util';
