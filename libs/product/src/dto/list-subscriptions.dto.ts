import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { PRODUCT_CODE_PATTERN, ProductCategory, SubscriptionStatus } from '../product.constants';
import { ISO_DATE_TIME_PATTERN } from '../zoned-time.util';

export const SUBSCRIPTION_SORTS = ['startedAt', '-startedAt', 'serviceNumber', '-serviceNumber'] as const;

export class SubscriptionFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'customerId must be a UUID' })
  customerId?: string;

  @ApiPropertyOptional({ example: 'BB-1000M' })
  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: 'productCode must be a product code' })
  productCode?: string;

  @ApiPropertyOptional({ enum: ProductCategory, description: "The product's category" })
  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;

  @ApiPropertyOptional({ enum: SubscriptionStatus })
  @IsOptional()
  @IsEnum(SubscriptionStatus)
  status?: SubscriptionStatus;

  @ApiPropertyOptional({
    example: '189',
    description:
      'Prefix of the service number. Without customer:personal-data only a full number (at least 11 characters) is accepted and matched whole (equality); a shorter value answers 400',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'serviceNumberPrefix must be 1-40 letters, digits or -' })
  @MaxLength(40)
  serviceNumberPrefix?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Started at or after (a date is midnight in the node time zone)' })
  @IsOptional()
  @Matches(ISO_DATE_TIME_PATTERN, { message: 'startedFrom must be an ISO 8601 date or date-time' })
  startedFrom?: string;

  @ApiPropertyOptional({ example: '2026-02-01', description: 'Started before (exclusive)' })
  @IsOptional()
  @Matches(ISO_DATE_TIME_PATTERN, { message: 'startedTo must be an ISO 8601 date or date-time' })
  startedTo?: string;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_SORTS, default: '-startedAt', description: 'serviceNumber / -serviceNumber need customer:personal-data (400 otherwise)' })
  @IsOptional()
  @IsIn(SUBSCRIPTION_SORTS)
  sort: (typeof SUBSCRIPTION_SORTS)[number] = '-startedAt';
}

export class ListSubscriptionsDto extends IntersectionType(PageQueryDto, SubscriptionFilterDto) {}

/** The same filters for GET /customers/:id/subscriptions, where the customer is in the path. */
export class ListCustomerSubscriptionsDto extends OmitType(ListSubscriptionsDto, ['customerId'] as const) {}

export class ExportSubscriptionsDto extends IntersectionType(ExportFormatDto, SubscriptionFilterDto) {}
