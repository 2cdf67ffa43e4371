import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { ACCOUNT_ENTITY, AccountService } from './account.service';
import { exportRows, num, val } from './billing-export.util';
import { uuidParam } from './billing-param.util';
import { ConsumptionService } from './consumption.service';
import { AccountPageDto, AccountResponseDto } from './dto/account-response.dto';
import { AccountSummaryDto } from './dto/consumption.dto';
import { CreateAccountDto } from './dto/create-account.dto';
import { ExportAccountsDto } from './dto/export.dto';
import { ListAccountsDto } from './dto/list-accounts.dto';
import { UpdateAccountDto } from './dto/update-account.dto';

@ApiTags('accounts')
@Controller('api/v1/accounts')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class AccountController {
  constructor(
    private readonly accounts: AccountService,
    private readonly consumption: ConsumptionService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Open a billing account for a customer (賬戶建立)' })
  @ApiCreatedResponse({ type: AccountResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'accountNumber or (customer, serial) already used' })
  create(@Body() dto: CreateAccountDto, @Actor() actor: RequestActor): Promise<AccountResponseDto> {
    return this.accounts.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Query accounts by criteria, paginated (bank accounts always masked here)' })
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() q: ListAccountsDto): Promise<AccountPageDto> {
    return this.accounts.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export accounts (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportAccountsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: ACCOUNT_ENTITY,
      format: q.format,
      title: '賬戶清單 Accounts',
      filename: 'accounts',
      filters: q,
      query: this.accounts.exportQuery(q),
      columns: [
        { header: '賬號 Account number', value: val('account_number'), width: 22 },
        { header: '序號 Serial', value: num('serial'), width: 8 },
        { header: '客戶 Customer id', value: val('customer_id'), width: 38 },
        { header: '客戶名稱 Customer', value: val('customer_name') },
        { header: '區縣 District', value: val('district_code'), width: 10 },
        { header: '賬戶名稱 Name', value: val('name') },
        { header: '銀行 Bank', value: val('bank_id'), width: 10 },
        { header: '銀行賬號 Bank account (masked)', value: val('bank_account'), width: 24 },
        { header: '信用額度 Credit limit (fen)', value: num('credit_limit_fen') },
        { header: '餘額 Balance (fen)', value: num('balance_fen') },
        { header: '付費方式 Payment method', value: val('payment_method') },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '建立時間 Created', value: val('created_at'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Read one account (bank account unmasked for customer:personal-data, and audited)' })
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string, @Actor() actor: RequestActor): Promise<AccountResponseDto> {
    return this.accounts.get(id, actor);
  }

  @Get(':id/summary')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Account summary: balance, tenure, cumulative spend, outstanding, last 6 months of bills, live arrears' })
  @ApiOkResponse({ type: AccountSummaryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  summary(@Param('id', uuidParam()) id: string): Promise<AccountSummaryDto> {
    return this.consumption.account(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Modify an account (修改); `version` must be the current one' })
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateAccountDto, @Actor() actor: RequestActor): Promise<AccountResponseDto> {
    return this.accounts.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Close an account (銷戶): only without balance, unpaid bills or open arrears' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async remove(@Param('id', uuidParam()) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.accounts.remove(id, actor);
  }
}
