export const IS_PUBLIC = 'crm:auth:public';
export const REQUIRED_PERMISSIONS = 'crm:auth:permissions';
/** Set on routes authenticated as a federation node (signed request) instead of a user. */
export const NODE_AUTHENTICATED = 'crm:auth:node';
export const TOKEN_AUDIENCE = 'crm-api';
