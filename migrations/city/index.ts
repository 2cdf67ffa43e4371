import { commonMigrations } from '../common';
import { CustomerSkeleton1764561700000 } from './1764561700000-customer-skeleton';

/** City migrations in order (timestamps order them; keep this list sorted). */
export const cityMigrations = [
  ...commonMigrations,
  CustomerSkeleton1764561700000,
];
