/** Where a parent receives batches from its children. */
export const INBOX_PATH = '/api/v1/federation/inbox';
/** Where a node receives node messages (directives, escalations…) from its parent or children. */
export const MESSAGES_PATH = '/api/v1/federation/messages';
