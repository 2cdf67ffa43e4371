import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, Matches, Min, ValidateIf } from 'class-validator';
import { CIRCUIT_ID_PATTERN, EXTERNAL_ID_PATTERN, PRODUCT_CODE_PATTERN, SERVICE_NUMBER_PATTERN, SubscriptionStatus } from '../product.constants';
import { IsOptionalNotNull } from '@crm/platform';

/**
 * A change of a live subscription, with the version read. `status` follows the lifecycle
 * active ⇄ suspended, active/suspended → terminated (ended_at set); the product and the customer
 * never change (terminate and subscribe again).
 */
export class UpdateSubscriptionDto {
  @ApiProperty({ type: 'integer', description: 'The version last read; a different current version answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: SubscriptionStatus })
  @IsOptionalNotNull()
  @IsEnum(SubscriptionStatus)
  status?: SubscriptionStatus;

  @ApiPropertyOptional({ nullable: true, description: "One of the product's price plans on sale today; null removes it" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(PRODUCT_CODE_PATTERN, { message: 'pricePlanCode must be a price plan code or null' })
  pricePlanCode?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Matches(SERVICE_NUMBER_PATTERN, { message: 'serviceNumber must be 1-40 letters, digits or -' })
  serviceNumber?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(CIRCUIT_ID_PATTERN, { message: 'circuitId must be 1-40 letters, digits or . _ : / - or null' })
  circuitId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(EXTERNAL_ID_PATTERN, { message: 'externalId must be 1-64 letters, digits or . _ : - or null' })
  externalId?: string | null;
}
