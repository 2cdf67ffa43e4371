import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { ExportFormatDto } from '@crm/data-exchange';
import { uuidParam } from './customer.constants';
import { CustomerExportService } from './customer-export.service';
import { CustomerService } from './customer.service';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerPageDto, CustomerResponseDto, StatusChangeDto } from './dto/customer-response.dto';
import { CustomerCriteriaDto, ListCustomersDto } from './dto/list-customers.dto';
import { CustomerSearchResultDto, SearchCustomersDto } from './dto/search-customers.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';

class ExportCustomersDto extends IntersectionType(CustomerCriteriaDto, ExportFormatDto) {}

@ApiTags('customers')
@Controller('api/v1/customers')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class CustomerController {
  constructor(
    private readonly customers: CustomerService,
    private readonly exporter: CustomerExportService,
  ) {}

  @Post()
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Create a customer (建立)' })
  @ApiCreatedResponse({ type: CustomerResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'externalId or ID document already used' })
  create(@Body() dto: CreateCustomerDto, @Actor() actor: RequestActor): Promise<CustomerResponseDto> {
    return this.customers.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Query customers by criteria (查詢), paginated with total' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@Query() query: ListCustomersDto, @Actor() actor: RequestActor): Promise<CustomerPageDto> {
    return this.customers.list(query, actor);
  }

  @Get('search')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Fuzzy search on name, phone-number prefix and ID-number prefix (best matches first)' })
  @ApiOkResponse({ type: CustomerSearchResultDto })
  search(@Query() query: SearchCustomersDto, @Actor() actor: RequestActor): Promise<CustomerSearchResultDto> {
    return this.customers.search(query, actor);
  }

  @Get('export')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Export the query as CSV or XLSX, or print it as HTML (打印 / 導出); streamed, any size' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() query: ExportCustomersDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await this.exporter.export(query, actor, res);
  }

  @Get(':id')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Read one customer' })
  @ApiOkResponse({ type: CustomerResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<CustomerResponseDto> {
    return this.customers.get(id, actor);
  }

  @Get(':id/status-history')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Every status the customer has had (客戶狀態歷史)' })
  @ApiOkResponse({ type: [StatusChangeDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  statusHistory(@Param('id', uuidParam) id: string): Promise<StatusChangeDto[]> {
    return this.customers.statusHistory(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a customer (修改); send the version you read' })
  @ApiOkResponse({ type: CustomerResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or a duplicate externalId / ID document' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateCustomerDto, @Actor() actor: RequestActor): Promise<CustomerResponseDto> {
    return this.customers.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Close a customer (刪除 / 銷戶); the record is kept for history and facts' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.customers.remove(id, actor);
  }
}
