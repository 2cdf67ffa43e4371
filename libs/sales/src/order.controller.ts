import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CreateOrderDto, ExportOrdersDto, ListOrdersDto, UpdateOrderDto } from './dto/order.dto';
import { time, uuidParam, val } from './http.util';
import { OrderService } from './order.service';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';

@ApiTags('orders')
@Controller('api/v1/orders')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field (lines[i].field for a line)' })
export class OrderController {
  constructor(
    private readonly orders: OrderService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Create a draft order (定單) with its lines; amountFen = Σ line amounts' })
  @ApiCreatedResponse({ description: 'The order with its lines' })
  create(@Body() dto: CreateOrderDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.orders.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Query orders by status, customer, agent, sales staff, hall, channel, completion dates; paginated' })
  @ApiOkResponse({ description: '{items,total,page,pageSize}' })
  list(@Query() q: ListOrdersDto): Promise<Page> {
    return this.orders.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Export orders (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportOrdersDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportOrdersDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.order, title: '定單 Orders', filename: 'orders', query: this.orders.exportQuery(q),
      columns: [
        { header: '定單號 Order no', value: val('orderNo'), width: 22 },
        { header: '客戶 Customer', value: val('customerName'), width: 20 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '渠道 Channel', value: val('channel'), width: 10 },
        { header: '營業廳 Hall', value: val('hallName'), width: 16 },
        { header: '代理商 Agent', value: val('agentName'), width: 16 },
        { header: '銷售人員 Sales staff', value: val('salesStaffName'), width: 12 },
        { header: '金額(分) Amount (fen)', value: val('amountFen'), width: 14 },
        { header: '完成 Completed', value: time('completedAt'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Read an order with its lines (and the subscriptions they created or changed)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.orders.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Edit a draft, or move the status; completing creates / changes / terminates the subscriptions in one transaction' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, an illegal status change, editing a non-draft, or a line the subscription lifecycle refuses' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateOrderDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.orders.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete a draft or cancelled order (409 for submitted / completed ones)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.orders.remove(id, actor);
  }
}
