import { DataSource } from 'typeorm';
import { AuditEntities } from '@crm/audit';
import { AuthEntities } from '@crm/auth';
import { dataSourceOptions, TierSchema } from '@crm/database';
import { DirectiveEntities } from '@crm/directives';
import { EscalationEntities } from '@crm/escalation';
import { FederationEntities } from '@crm/federation';
import { provinceMigrations } from '../../../migrations/province';

/** The province database: one definition for the Nest app, the CLI and tests. */
export const provinceSchema: TierSchema = {
  entities: [...AuthEntities, ...AuditEntities, ...FederationEntities, ...DirectiveEntities, ...EscalationEntities],
  migrations: provinceMigrations,
};

export const createProvinceDataSource = (url: string): DataSource => new DataSource(dataSourceOptions(provinceSchema, url, 'crm-province-cli'));
