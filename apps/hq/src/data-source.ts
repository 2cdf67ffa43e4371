import { DataSource } from 'typeorm';
import { AuditEntities } from '@crm/audit';
import { AuthEntities } from '@crm/auth';
import { dataSourceOptions, TierSchema } from '@crm/database';
import { DirectiveEntities } from '@crm/directives';
import { EscalationEntities } from '@crm/escalation';
import { FederationEntities } from '@crm/federation';
import { hqMigrations } from '../../../migrations/hq';

/** The hq database: one definition for the Nest app, the CLI and tests. */
export const hqSchema: TierSchema = {
  entities: [...AuthEntities, ...AuditEntities, ...FederationEntities, ...DirectiveEntities, ...EscalationEntities],
  migrations: hqMigrations,
};

export const createHqDataSource = (url: string): DataSource => new DataSource(dataSourceOptions(hqSchema, url, 'crm-hq-cli'));
