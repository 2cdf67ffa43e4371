import { Escalation, ServiceEscalation } from './entities';

/** Both tables exist on every tier (common migration): received escalations, and a city's own. */
export const EscalationEntities = [Escalation, ServiceEscalation];
