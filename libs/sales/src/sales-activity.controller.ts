import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import {
  CreateSalesActivityDto, CreateSalesMethodDto, ExportSalesActivitiesDto, ExportSalesMethodsDto, ListSalesActivitiesDto, ListSalesMethodsDto, UpdateSalesActivityDto, UpdateSalesMethodDto,
} from './dto/sales-activity.dto';
import { time, uuidParam, val } from './http.util';
import { SALES_ENTITY } from './sales.constants';
import { SalesActivityService } from './sales-activity.service';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';

@ApiTags('sales-methods')
@Controller('api/v1/sales-methods')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesMethodController {
  constructor(
    private readonly service: SalesActivityService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Create a sales method (銷售方式); 409 code used' })
  create(@Body() dto: CreateSalesMethodDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.service.createMethod(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'List sales methods; paginated' })
  list(@Query() q: ListSalesMethodsDto): Promise<Page> {
    return this.service.listMethods(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportSalesMethodsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportSalesMethodsDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.method, title: '銷售方式 Sales methods', filename: 'sales-methods', query: this.service.methodQuery(q),
      columns: [
        { header: '代碼 Code', value: val('code'), width: 12 },
        { header: '名稱 Name', value: val('name'), width: 20 },
        { header: '說明 Description', value: val('description'), width: 40 },
        { header: '啟用 Active', value: (r) => (r.active ? '是 yes' : '否 no'), width: 8 },
      ],
    });
  }

  @Get(':code')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('code') code: string): Promise<Row> {
    return this.service.getMethod(code);
  }

  @Patch(':code')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('code') code: string, @Body() dto: UpdateSalesMethodDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.service.updateMethod(code, dto, actor);
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete a method; 409 while activities use it (deactivate it instead)' })
  @ApiNoContentResponse()
  remove(@Param('code') code: string, @Actor() actor: RequestActor): Promise<void> {
    return this.service.removeMethod(code, actor);
  }
}

@ApiTags('sales-activities')
@Controller('api/v1/sales-activities')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesActivityController {
  constructor(
    private readonly service: SalesActivityService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Record a sales activity (visit, call, event) of a staff member about a customer and/or an opportunity' })
  create(@Body() dto: CreateSalesActivityDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.service.createActivity(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Query activities by kind, customer, opportunity, staff, method, dates; paginated' })
  list(@Query() q: ListSalesActivitiesDto): Promise<Page> {
    return this.service.listActivities(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportSalesActivitiesDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportSalesActivitiesDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.activity, title: '銷售活動 Sales activities', filename: 'sales-activities', query: this.service.activityQuery(q),
      columns: [
        { header: '時間 Occurred', value: time('occurredAt'), width: 24 },
        { header: '類型 Kind', value: val('kind'), width: 8 },
        { header: '方式 Method', value: val('methodName'), width: 12 },
        { header: '客戶 Customer', value: val('customerName'), width: 20 },
        { header: '商機 Opportunity', value: val('opportunityTitle'), width: 24 },
        { header: '人員 Staff', value: val('staffName'), width: 12 },
        { header: '主題 Subject', value: val('subject'), width: 30 },
        { header: '結果 Outcome', value: val('outcome'), width: 40 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.service.getActivity(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSalesActivityDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.service.updateActivity(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.service.removeActivity(id, actor);
  }
}
