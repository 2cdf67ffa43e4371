import { Platform1764561600000 } from './1764561600000-platform';
import { AuditLog1764562000000 } from './1764562000000-audit-log';
import { NodeMessages1764570200000 } from './1764570200000-node-messages';
import { Directives1764570300000 } from './1764570300000-directives';
import { Escalations1764570500000 } from './1764570500000-escalations';
import { FactSliceIndex1764571000000 } from './1764571000000-fact-slice-index';

/** Migrations every tier runs, in order. A shipped migration is never edited. */
export const commonMigrations = [Platform1764561600000, AuditLog1764562000000, NodeMessages1764570200000, Directives1764570300000, Escalations1764570500000, FactSliceIndex1764571000000];
