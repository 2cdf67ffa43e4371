import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { ListCustomerSubscriptionsDto } from './dto/list-subscriptions.dto';
import { SubscriptionPageDto } from './dto/subscription-response.dto';
import { SubscriptionService } from './subscription.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

/** A customer's subscriptions, beside the customer routes. */
@ApiTags('subscriptions')
@Controller('api/v1/customers')
export class CustomerSubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Get(':id/subscriptions')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: "A customer's subscriptions, paginated, with the filters of GET /subscriptions" })
  @ApiOkResponse({ type: SubscriptionPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown or closed customer' })
  list(@Param('id', uuid) id: string, @Query() query: ListCustomerSubscriptionsDto, @Actor() actor: RequestActor): Promise<SubscriptionPageDto> {
    return this.subscriptions.listForCustomer(id, query, actor);
  }
}
