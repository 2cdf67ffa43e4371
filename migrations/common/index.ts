import { Platform1764561600000 } from './1764561600000-platform';
import { AuditLog1764562000000 } from './1764562000000-audit-log';

/** Migrations every tier runs, in order. A shipped migration is never edited. */
export const commonMigrations = [Platform1764561600000, AuditLog1764562000000];
