import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CreateSalesTargetDto, ExportSalesFiguresDto, ExportSalesTargetsDto, ListSalesTargetsDto, SalesFiguresQueryDto, UpdateSalesTargetDto } from './dto/sales-figures.dto';
import { uuidParam, val } from './http.util';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { FiguresRow, SalesFiguresService } from './sales-figures.service';
import { Row } from './sales-record.repository';

@ApiTags('sales-figures')
@Controller('api/v1/sales')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesFiguresController {
  constructor(
    private readonly figures: SalesFiguresService,
    private readonly crud: SalesCrudService,
  ) {}

  @Get('figures')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Sales figures (銷售業績) by customer, period, district, industry, business hall or agent, with totals and achievement against targets' })
  get(@Query() q: SalesFiguresQueryDto): Promise<unknown> {
    return this.figures.figures(q);
  }

  @Get('figures/export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportSalesFiguresDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    const result = await this.figures.figures(filters);
    await this.crud.record(undefined, actor, { action: 'export', entityType: 'sales_figures', newValues: { format, filters } });
    async function* rows(): AsyncGenerator<FiguresRow> {
      yield* result.rows;
    }
    await streamExport<FiguresRow>(res, {
      format, title: `銷售業績 Sales figures (${q.groupBy}, ${q.from}..${q.to})`, filename: 'sales-figures', rows: rows(),
      columns: [
        { header: '鍵 Key', value: (r) => r.key, width: 38 },
        { header: '名稱 Label', value: (r) => r.label, width: 20 },
        { header: '定單 Orders', value: (r) => r.orders, width: 8 },
        { header: '金額(分) Amount (fen)', value: (r) => r.amountFen, width: 14 },
        { header: '目標定單 Target orders', value: (r) => r.targetOrders, width: 10 },
        { header: '目標金額(分) Target (fen)', value: (r) => r.targetAmountFen, width: 14 },
        { header: '完成率% Achieved %', value: (r) => r.amountAchievedPercent, width: 10 },
      ],
    });
  }
}

@ApiTags('sales-figures')
@Controller('api/v1/sales-targets')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesTargetController {
  constructor(
    private readonly figures: SalesFiguresService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Set a target (銷售目標) of a month for a dimension value; 409 if one exists' })
  create(@Body() dto: CreateSalesTargetDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.figures.createTarget(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  list(@Query() q: ListSalesTargetsDto): Promise<Page> {
    return this.figures.listTargets(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportSalesTargetsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportSalesTargetsDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.target, title: '銷售目標 Sales targets', filename: 'sales-targets', query: this.figures.targetQuery(q),
      columns: [
        { header: '月份 Period', value: val('period'), width: 8 },
        { header: '維度 Dimension', value: val('dimension'), width: 14 },
        { header: '值 Value', value: val('dimensionValue'), width: 38 },
        { header: '目標定單 Target orders', value: val('targetOrders'), width: 10 },
        { header: '目標金額(分) Target (fen)', value: val('targetAmountFen'), width: 14 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.figures.getTarget(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSalesTargetDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.figures.updateTarget(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.figures.removeTarget(id, actor);
  }
}
