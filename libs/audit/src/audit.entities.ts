import { AuditLog } from './audit-log.entity';

export const AuditEntities = [AuditLog];
