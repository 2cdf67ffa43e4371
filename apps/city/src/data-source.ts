import { DataSource } from 'typeorm';
import { AuditEntities } from '@crm/audit';
import { AuthEntities } from '@crm/auth';
import { BaseConfigEntities } from '@crm/base-config';
import { CustomerEntities } from '@crm/customer';
import { dataSourceOptions, TierSchema } from '@crm/database';
import { FederationEntities } from '@crm/federation';
import { ProductEntities } from '@crm/product';
import { cityMigrations } from '../../../migrations/city';

/** The city database: one definition for the Nest app, the CLI and tests. */
export const citySchema: TierSchema = {
  entities: [
    ...AuthEntities,
    ...AuditEntities,
    ...FederationEntities,
    ...BaseConfigEntities,
    ...CustomerEntities,
    ...ProductEntities,
  ],
  migrations: cityMigrations,
};

export const createCityDataSource = (url: string): DataSource => new DataSource(dataSourceOptions(citySchema, url, 'crm-city-cli'));
