import { Platform1764561600000 } from './1764561600000-platform';

/** Migrations every tier runs, in order. A shipped migration is never edited. */
export const commonMigrations = [Platform1764561600000];
