import { commonMigrations } from '../common';

/** Province schema: the common federation tables (facts of its cities, inbox, outbox). */
export const provinceMigrations = [...commonMigrations];
