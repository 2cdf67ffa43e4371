import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { CIRCUIT_ID_PATTERN, EXTERNAL_ID_PATTERN, PRODUCT_CODE_PATTERN, SERVICE_NUMBER_PATTERN, SubscriptionStatus } from '../product.constants';
import { ISO_DATE_TIME_PATTERN } from '../zoned-time.util';
import { IsOptionalNotNull } from '@crm/platform';

export const OPENING_STATUSES = [SubscriptionStatus.Active, SubscriptionStatus.Suspended] as const;

export class CreateSubscriptionDto {
  @ApiProperty({ format: 'uuid', description: 'A customer of this city (not closed)' })
  @IsUUID('4', { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiProperty({ example: 'MOB-5G-129', description: 'An active product of the catalogue' })
  @Matches(PRODUCT_CODE_PATTERN, { message: 'productCode must be a product code' })
  productCode: string;

  @ApiPropertyOptional({ example: 'MOB-5G-129-2026', description: "One of the product's price plans, on sale on the start day" })
  @IsOptionalNotNull()
  @Matches(PRODUCT_CODE_PATTERN, { message: 'pricePlanCode must be a price plan code' })
  pricePlanCode?: string;

  @ApiProperty({ example: '18912345678', description: '業務號碼: phone number or line id; answered masked unless the caller may see personal data' })
  @Matches(SERVICE_NUMBER_PATTERN, { message: 'serviceNumber must be 1-40 letters, digits or -' })
  serviceNumber: string;

  @ApiPropertyOptional({ example: 'GZ-OLT-0012/3/7', description: '電路編號; broadband, leased line and bundle products only' })
  @IsOptionalNotNull()
  @Matches(CIRCUIT_ID_PATTERN, { message: 'circuitId must be 1-40 letters, digits or . _ : / -' })
  circuitId?: string;

  @ApiPropertyOptional({ example: 'BOSS-SUB-000123', description: 'Id in the source system; unique' })
  @IsOptionalNotNull()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'externalId must be 1-64 letters, digits or . _ : -' })
  externalId?: string;

  @ApiPropertyOptional({ example: '2026-03-01T09:30:00+08:00', description: 'Start of service; a date or a time without offset is in the node time zone. Default: now' })
  @IsOptionalNotNull()
  @Matches(ISO_DATE_TIME_PATTERN, { message: 'startedAt must be an ISO 8601 date or date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ enum: OPENING_STATUSES, default: SubscriptionStatus.Active })
  @IsOptionalNotNull()
  @IsIn(OPENING_STATUSES)
  status?: (typeof OPENING_STATUSES)[number];
}
