import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccountResponseDto, ArrearResponseDto, CustomerConsumptionDto, PaymentResponseDto } from '@crm/billing';
import { ContactResponseDto, CustomerResponseDto } from '@crm/customer';
import { SubscriptionResponseDto } from '@crm/product';
import { CustomerPromotionDto } from '@crm/promotion';
import { ScoreDto } from '@crm/scoring';

/** 客戶 360°: everything the city knows of one customer, in one answer. */
export class Customer360Dto {
  @ApiProperty({ type: CustomerResponseDto }) profile: CustomerResponseDto;
  @ApiProperty({ type: [ContactResponseDto], description: 'Units and enterprises; empty for individuals' }) contacts: ContactResponseDto[];
  @ApiProperty({ type: [SubscriptionResponseDto], description: 'Up to 100, newest first' }) subscriptions: SubscriptionResponseDto[];
  @ApiPropertyOptional({ type: [AccountResponseDto], nullable: true }) accounts: AccountResponseDto[] | null;
  @ApiPropertyOptional({ type: CustomerConsumptionDto, nullable: true, description: 'Tenure, cumulative spend, last 6 months of bills, usage summary of the last 30 days' }) consumption: CustomerConsumptionDto | null;
  @ApiPropertyOptional({ type: [PaymentResponseDto], nullable: true, description: 'The 20 latest payments' }) payments: PaymentResponseDto[] | null;
  @ApiPropertyOptional({ type: [ArrearResponseDto], nullable: true, description: 'Arrears not yet recovered' }) arrears: ArrearResponseDto[] | null;
  @ApiPropertyOptional({ type: [CustomerPromotionDto], nullable: true }) promotions: CustomerPromotionDto[] | null;
  @ApiPropertyOptional({ type: [ScoreDto], nullable: true, description: 'Latest satisfaction, loyalty and credit score (one per kind)' }) scores: ScoreDto[] | null;
  @ApiProperty({ type: [String], example: ['scores'], description: 'Sections left out (null) because the role lacks their read permission' }) omitted: string[];
}
