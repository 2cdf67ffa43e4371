import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { ExportSubscriptionsDto, ListSubscriptionsDto } from './dto/list-subscriptions.dto';
import { SubscriptionPageDto, SubscriptionResponseDto } from './dto/subscription-response.dto';
import { UpdateSubscriptionDto } from './dto/update-subscription.dto';
import { Subscription } from './entities';
import { SubscriptionRow } from './subscription.repository';
import { SubscriptionService } from './subscription.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

const STATUS_NAMES: Record<string, string> = { active: '在用 active', suspended: '停機 suspended', terminated: '拆機 terminated' };

/** 訂購: subscriptions of this city's customers. */
@ApiTags('subscriptions')
@Controller('api/v1/subscriptions')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input, or an unknown customer / product / price plan; details name each field' })
export class SubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Post()
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Subscribe a customer to a product (建立 / 開通)' })
  @ApiCreatedResponse({ type: SubscriptionResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'externalId already used' })
  create(@Body() dto: CreateSubscriptionDto, @Actor() actor: RequestActor): Promise<SubscriptionResponseDto> {
    return this.subscriptions.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Query subscriptions (查詢) by customer, product, category, status, service-number prefix and start time, paginated' })
  @ApiOkResponse({ type: SubscriptionPageDto })
  list(@Query() query: ListSubscriptionsDto, @Actor() actor: RequestActor): Promise<SubscriptionPageDto> {
    return this.subscriptions.list(query, actor);
  }

  @Get('export')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Export or print subscriptions (導出 / 打印) with the same filters as the list; service numbers masked as in the API' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() query: ExportSubscriptionsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const qb = await this.subscriptions.exportQuery(query, actor);
    await streamExport<SubscriptionRow>(res, {
      format: query.format,
      title: '訂購清單 Subscriptions',
      filename: 'subscriptions',
      rows: streamRawRows<Subscription, SubscriptionRow>(qb),
      columns: [
        { header: '訂購ID Id', value: (r) => r.id, width: 38 },
        { header: '外部編號 External id', value: (r) => r.external_id, width: 20 },
        { header: '客戶外部編號 Customer external id', value: (r) => r.customer_external_id, width: 20 },
        { header: '客戶名稱 Customer', value: (r) => r.customer_name, width: 24 },
        { header: '產品編碼 Product', value: (r) => r.product_code, width: 16 },
        { header: '產品名稱 Product name', value: (r) => r.product_name, width: 32 },
        { header: '類別 Category', value: (r) => r.category, width: 12 },
        { header: '資費套餐 Price plan', value: (r) => r.price_plan_code, width: 18 },
        { header: '業務號碼 Service number', value: (r) => this.subscriptions.serviceNumberFor(r.service_number, actor), width: 18 },
        { header: '電路編號 Circuit id', value: (r) => r.circuit_id, width: 18 },
        { header: '狀態 Status', value: (r) => STATUS_NAMES[r.status] ?? r.status, width: 14 },
        { header: '開通時間 Started', value: (r) => r.started_at, width: 22 },
        { header: '終止時間 Ended', value: (r) => r.ended_at, width: 22 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Read one subscription' })
  @ApiOkResponse({ type: SubscriptionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<SubscriptionResponseDto> {
    return this.subscriptions.get(id, actor);
  }

  @Patch(':id')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a subscription (修改): status (active ⇄ suspended, → terminated), price plan, service number, circuit id, external id; with the version read' })
  @ApiOkResponse({ type: SubscriptionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, illegal status transition, terminated subscription, or externalId already used' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateSubscriptionDto, @Actor() actor: RequestActor): Promise<SubscriptionResponseDto> {
    return this.subscriptions.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Terminate a subscription (刪除 = 拆機): status terminated, ended_at now; the record stays for history. 409 if already terminated' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already terminated' })
  async remove(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.subscriptions.terminate(id, actor);
  }
}
