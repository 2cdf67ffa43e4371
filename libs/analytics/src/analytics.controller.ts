import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FACT_SETS } from '@crm/federation';
import { Permission, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CustomerAnalyticsService } from './customer-analytics.service';
import { CustomerAnalyticsDto } from './dto/customer-analytics.dto';
import { CustomerAnalyticsQueryDto } from './dto/customer-analytics-query.dto';
import { FactAnalyticsDto } from './dto/fact-analytics.dto';
import { FactAnalyticsQueryDto, ScoreAnalyticsQueryDto } from './dto/fact-analytics-query.dto';
import { FactAnalyticsService } from './fact-analytics.service';

@ApiTags('analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly customerAnalytics: CustomerAnalyticsService,
    private readonly factAnalytics: FactAnalyticsService,
  ) {}

  @Get('customers')
  @RequirePermissions(Permission.AnalyticsRead)
  @ApiOperation({
    summary: 'Customers by province, city, segment or district for one day',
    description: 'Answered from this node\'s facts (no call to a child). HQ: national total, drill down with province= and city=.',
  })
  @ApiOkResponse({ type: CustomerAnalyticsDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Scope outside this node' })
  customers(@Query() q: CustomerAnalyticsQueryDto): Promise<CustomerAnalyticsDto> {
    return this.customerAnalytics.customers(q);
  }

  @Get('scores')
  @RequirePermissions(Permission.AnalyticsRead)
  @ApiOperation({
    summary: 'Customers scored and average score by province, city, band or kind for one month',
    description: 'Fact set score_bands_by_kind, answered from this node\'s facts. `derived.average_score` = Σ score / Σ customers (never an average of averages).',
  })
  @ApiOkResponse({ type: FactAnalyticsDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Scope outside this node' })
  scores(@Query() q: ScoreAnalyticsQueryDto): Promise<FactAnalyticsDto> {
    const { kind, groupBy, ...scope } = q;
    return this.factAnalytics.facts(FACT_SETS.scoreBandsByKind.name, { ...scope, groupBy, filters: { kind }, cityGrouping: 'band' });
  }

  @Get('facts/:factSet')
  @RequirePermissions(Permission.AnalyticsRead)
  @ApiOperation({
    summary: 'Sums of any fact set by province, city or one of its dimensions for one period',
    description:
      'E.g. churn_by_type, churn_risk_by_band, abnormal_by_kind, potential_key_accounts, score_bands_by_kind, customers_by_segment_district. Dimension filters as query fields (kind, band, type, status, segment, district). Answered from this node\'s facts.',
  })
  @ApiParam({ name: 'factSet', example: 'churn_by_type' })
  @ApiOkResponse({ type: FactAnalyticsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown fact set' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Scope outside this node' })
  facts(@Param('factSet') factSet: string, @Query() q: FactAnalyticsQueryDto): Promise<FactAnalyticsDto> {
    const { period, province, city, groupBy } = q;
    return this.factAnalytics.facts(factSet, { period, province, city, groupBy, filters: FactAnalyticsService.filtersOf(q) });
  }
}
