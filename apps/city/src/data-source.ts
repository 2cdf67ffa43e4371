import { DataSource } from 'typeorm';
import { AuditEntities } from '@crm/audit';
import { AuthEntities } from '@crm/auth';
import { BaseConfigEntities } from '@crm/base-config';
import { BillingEntities } from '@crm/billing';
import { ChurnEntities } from '@crm/churn';
import { CustomerEntities } from '@crm/customer';
import { CustomerWatchEntities } from '@crm/customer-watch';
import { ImportEntities } from '@crm/data-exchange';
import { dataSourceOptions, TierSchema } from '@crm/database';
import { DirectiveEntities } from '@crm/directives';
import { EscalationEntities } from '@crm/escalation';
import { FederationEntities } from '@crm/federation';
import { ProductEntities } from '@crm/product';
import { PromotionEntities } from '@crm/promotion';
import { ScoringEntities } from '@crm/scoring';
import { SegmentationEntities } from '@crm/segmentation';
import { ServiceEntities } from '@crm/service';
import { ServiceCareEntities } from '@crm/service-care';
import { MarketingEntities } from '@crm/marketing';
import { OperationsInfoEntities } from '@crm/operations-info';
import { SalesEntities } from '@crm/sales';
import { cityMigrations } from '../../../migrations/city';

/** The city database: one definition for the Nest app, the CLI and tests. */
export const citySchema: TierSchema = {
  entities: [
    ...AuthEntities,
    ...AuditEntities,
    ...FederationEntities,
    ...DirectiveEntities,
    ...BaseConfigEntities,
    ...CustomerEntities,
    ...ProductEntities,
    ...BillingEntities,
    ...PromotionEntities,
    ...ImportEntities,
    ...ScoringEntities,
    ...ChurnEntities,
    ...CustomerWatchEntities,
    ...SegmentationEntities,
    ...ServiceEntities,
    ...ServiceCareEntities,
    ...MarketingEntities,
    ...OperationsInfoEntities,
    ...EscalationEntities,
    ...SalesEntities,
  ],
  migrations: cityMigrations,
};

export const createCityDataSource = (url: string): DataSource => new DataSource(dataSourceOptions(citySchema, url, 'crm-city-cli'));
