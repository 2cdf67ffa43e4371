import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CustomerAnalyticsService } from './customer-analytics.service';
import { CustomerAnalyticsDto } from './dto/customer-analytics.dto';
import { CustomerAnalyticsQueryDto } from './dto/customer-analytics-query.dto';

@ApiTags('analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly customerAnalytics: CustomerAnalyticsService) {}

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
}
