/** Database refusals → 4xx (@crm/database) and the stale-version 409 (@crm/errors), as this library uses them. */
export { translateReferenceError as translateWriteError } from '@crm/database';
export { staleVersion } from '@crm/errors';

export const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());
