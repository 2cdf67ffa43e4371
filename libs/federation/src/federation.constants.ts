/** Where a parent receives batches from its children. */
export const INBOX_PATH = '/api/v1/federation/inbox';
