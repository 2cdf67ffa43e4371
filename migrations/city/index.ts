import { commonMigrations } from '../common';
import { CustomerSkeleton1764561700000 } from './1764561700000-customer-skeleton';
import { BaseConfig1764563000000 } from './1764563000000-base-config';
import { ProductsSubscriptions1764563500000 } from './1764563500000-products-subscriptions';
import { Billing1764564000000 } from './1764564000000-billing';
import { Promotions1764565000000 } from './1764565000000-promotions';
import { Imports1764566000000 } from './1764566000000-imports';
import { CustomerProfile1764567000000 } from './1764567000000-customer-profile';
import { CustomerReferences1764567100000 } from './1764567100000-customer-references';
import { BillingFixes1764568000000 } from './1764568000000-billing-fixes';
import { StaffContactRecordVersion1764568100000 } from './1764568100000-staff-contact-record-version';
import { Scoring1764569000000 } from './1764569000000-scoring';
import { Churn1764569100000 } from './1764569100000-churn';
import { CustomerWatch1764569200000 } from './1764569200000-customer-watch';
import { Segmentation1764569300000 } from './1764569300000-segmentation';
import { ScoreRuns1764569400000 } from './1764569400000-score-runs';
import { SegmentDimensions1764569500000 } from './1764569500000-segment-dimensions';
import { ServiceRequests1764570000000 } from './1764570000000-service-requests';
import { ServiceCare1764570100000 } from './1764570100000-service-care';
import { ServiceRequestOptionalParties1764570400000 } from './1764570400000-service-request-optional-parties';
import { OperationsInfo1764570600000 } from './1764570600000-operations-info';
import { Marketing1764570700000 } from './1764570700000-marketing';
import { Sales1764570800000 } from './1764570800000-sales';
import { CustomerAcquisition1764570900000 } from './1764570900000-customer-acquisition';

/** City migrations in order (timestamps order them; keep this list sorted). */
export const cityMigrations = [
  ...commonMigrations,
  CustomerSkeleton1764561700000,
  BaseConfig1764563000000,
  ProductsSubscriptions1764563500000,
  Billing1764564000000,
  Promotions1764565000000,
  Imports1764566000000,
  CustomerProfile1764567000000,
  CustomerReferences1764567100000,
  BillingFixes1764568000000,
  StaffContactRecordVersion1764568100000,
  Scoring1764569000000,
  Churn1764569100000,
  CustomerWatch1764569200000,
  Segmentation1764569300000,
  ScoreRuns1764569400000,
  SegmentDimensions1764569500000,
  ServiceRequests1764570000000,
  ServiceCare1764570100000,
  ServiceRequestOptionalParties1764570400000,
  OperationsInfo1764570600000,
  Marketing1764570700000,
  Sales1764570800000,
  CustomerAcquisition1764570900000,
];
