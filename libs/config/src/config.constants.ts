export const NODE_CONFIG = Symbol('NODE_CONFIG');
