import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { uuidParam } from '@crm/customer';
import { ErrorResponseDto } from '@crm/errors';
import { Customer360Dto } from './customer-360.dto';
import { Customer360Service } from './customer-360.service';

@ApiTags('customers')
@Controller('api/v1/customers')
export class Customer360Controller {
  constructor(private readonly view: Customer360Service) {}

  @Get(':id/360')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Customer 360°: profile, contacts, subscriptions, accounts, consumption, bills, payments, arrears, promotions' })
  @ApiOkResponse({ type: Customer360Dto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<Customer360Dto> {
    return this.view.view(id, actor);
  }
}
