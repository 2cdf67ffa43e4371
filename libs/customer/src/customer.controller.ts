import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { CustomerService, Viewer } from './customer.service';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerPageDto, CustomerResponseDto } from './dto/customer-response.dto';
import { ListCustomersDto } from './dto/list-customers.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });
const viewerOf = (user: AuthenticatedUser): Viewer => ({ personalData: user.permissions.has(Permission.CustomerPersonalData) });

@ApiTags('customers')
@Controller('api/v1/customers')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class CustomerController {
  constructor(private readonly customers: CustomerService) {}

  @Post()
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Create a customer (建立)' })
  @ApiCreatedResponse({ type: CustomerResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'externalId or ID document already used' })
  create(@Body() dto: CreateCustomerDto, @CurrentUser() user: AuthenticatedUser): Promise<CustomerResponseDto> {
    return this.customers.create(dto, viewerOf(user));
  }

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Query customers by criteria (查詢), paginated' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@Query() query: ListCustomersDto, @CurrentUser() user: AuthenticatedUser): Promise<CustomerPageDto> {
    return this.customers.list(query, viewerOf(user));
  }

  @Get(':id')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Read one customer' })
  @ApiOkResponse({ type: CustomerResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser): Promise<CustomerResponseDto> {
    return this.customers.get(id, viewerOf(user));
  }

  @Patch(':id')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a customer (修改)' })
  @ApiOkResponse({ type: CustomerResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateCustomerDto, @CurrentUser() user: AuthenticatedUser): Promise<CustomerResponseDto> {
    return this.customers.update(id, dto, viewerOf(user));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Close a customer (刪除 / 銷戶); the record is kept for history and facts' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async remove(@Param('id', uuid) id: string): Promise<void> {
    await this.customers.remove(id);
  }
}
