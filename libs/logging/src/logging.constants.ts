/** Header carrying the request/correlation id, also between tiers. */
export const REQUEST_ID_HEADER = 'x-request-id';
