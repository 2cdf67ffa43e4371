import { commonMigrations } from '../common';
import { CustomerSkeleton1764561700000 } from './1764561700000-customer-skeleton';

export const cityMigrations = [...commonMigrations, CustomerSkeleton1764561700000];
