import { commonMigrations } from '../common';

/** HQ schema: the common federation tables (national facts, inbox, outbox for directives). */
export const hqMigrations = [...commonMigrations];
