import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { ContractService } from './contract.service';
import { CreateContractDto, CustomerContractsDto, ExportContractsDto, ListContractsDto, UpdateContractDto } from './dto/contract.dto';
import { time, uuidParam, val } from './http.util';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';

@ApiTags('contracts')
@Controller('api/v1/contracts')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ContractController {
  constructor(
    private readonly contracts: ContractService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Create a contract (合同): number, customer and signing unit, validity, value, documents metadata' })
  @ApiCreatedResponse({ description: 'The contract' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'contractNo used' })
  create(@Body() dto: CreateContractDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.contracts.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Query contracts by customer, status, number prefix, validity day, expiring within N days; paginated' })
  @ApiOkResponse({ description: '{items,total,page,pageSize}' })
  list(@Query() q: ListContractsDto): Promise<Page> {
    return this.contracts.list(q);
  }

  @Get('expiring')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Active contracts ending within expiringWithinDays (default: the rule set’s contractExpiryDays)' })
  expiring(@Query() q: ListContractsDto): Promise<Page> {
    return this.contracts.expiring(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Export contracts (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportContractsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportContractsDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.contract, title: '合同 Contracts', filename: 'contracts', query: this.contracts.exportQuery(q),
      columns: [
        { header: '合同號 Contract no', value: val('contractNo'), width: 20 },
        { header: '客戶 Customer', value: val('customerName'), width: 20 },
        { header: '簽約單位 Signing unit', value: val('signingUnit'), width: 20 },
        { header: '名稱 Title', value: val('title'), width: 30 },
        { header: '生效 Valid from', value: val('validFrom'), width: 12 },
        { header: '到期 Valid to', value: val('validTo'), width: 12 },
        { header: '金額(分) Value (fen)', value: val('valueFen'), width: 14 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '建立 Created', value: time('createdAt'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Read a contract' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.contracts.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Edit a contract or move its status (draft → active → terminated); `version` must be current' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateContractDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.contracts.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete a draft contract (409 otherwise)' })
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.contracts.remove(id, actor);
  }
}

@ApiTags('contracts')
@Controller('api/v1/customers')
export class CustomerContractController {
  constructor(private readonly contracts: ContractService) {}

  @Get(':id/contracts')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: "The customer's contracts (合同查詢); 404 for an unknown customer" })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  list(@Param('id', uuidParam) id: string, @Query() q: CustomerContractsDto): Promise<Page> {
    return this.contracts.listForCustomer(id, q as ListContractsDto);
  }
}
