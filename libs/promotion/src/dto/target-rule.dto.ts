import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CUSTOMER_TYPES, CREDIT_SCORE_RULE } from '../promotion.constants';

/** 適用對象: which customers a promotion is for. Every condition given must hold; none given = everyone in the region. */
export class TargetRuleDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1000, description: 'At least this many active subscriptions (裝機數)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  minInstalledLines?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: `Interim credit score at least: ${CREDIT_SCORE_RULE}` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  minCreditScore?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Cumulative payments (累計消費) at least, in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  minTotalSpendFen?: number;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CUSTOMER_TYPES.length)
  @ArrayUnique()
  @IsIn(CUSTOMER_TYPES, { each: true })
  customerTypes?: (typeof CUSTOMER_TYPES)[number][];
}
