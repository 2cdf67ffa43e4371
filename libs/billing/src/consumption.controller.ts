import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { uuidParam } from './billing-param.util';
import { ConsumptionService } from './consumption.service';
import { ConsumptionQueryDto, CustomerConsumptionDto } from './dto/consumption.dto';

@ApiTags('consumption')
@Controller('api/v1/customers')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ConsumptionController {
  constructor(private readonly consumption: ConsumptionService) {}

  @Get(':id/consumption')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: "A customer's consumption (消費信息): tenure, cumulative spend, last 6 months of bills, recent usage by service" })
  @ApiOkResponse({ type: CustomerConsumptionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string, @Query() q: ConsumptionQueryDto): Promise<CustomerConsumptionDto> {
    return this.consumption.customer(id, q.usageDays);
  }
}
