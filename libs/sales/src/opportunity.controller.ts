import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CreateOpportunityDto, ExportOpportunitiesDto, ListOpportunitiesDto, PipelineQueryDto, UpdateOpportunityDto } from './dto/opportunity.dto';
import { list, time, uuidParam, val } from './http.util';
import { OpportunityService } from './opportunity.service';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';

@ApiTags('opportunities')
@Controller('api/v1/opportunities')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class OpportunityController {
  constructor(
    private readonly opportunities: OpportunityService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Create an opportunity (商機); its first stage is recorded in the history' })
  @ApiCreatedResponse({ description: 'The opportunity with its history' })
  create(@Body() dto: CreateOpportunityDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.opportunities.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Query opportunities by stage, customer, owner, hall, district, expected close; paginated' })
  @ApiOkResponse({ description: '{items,total,page,pageSize}' })
  list(@Query() q: ListOpportunitiesDto): Promise<Page> {
    return this.opportunities.list(q);
  }

  @Get('pipeline')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'The pipeline: count and Σ expected value per stage, optionally split by owner, business hall or district' })
  pipeline(@Query() q: PipelineQueryDto): Promise<unknown> {
    return this.opportunities.pipeline(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Export opportunities (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportOpportunitiesDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportOpportunitiesDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.opportunity, title: '商機 Opportunities', filename: 'opportunities', query: this.opportunities.exportQuery(q),
      columns: [
        { header: '商機 Title', value: val('title'), width: 30 },
        { header: '客戶 Customer', value: val('customerName'), width: 20 },
        { header: '階段 Stage', value: val('stage'), width: 12 },
        { header: '預計金額(分) Expected value (fen)', value: val('expectedValueFen'), width: 14 },
        { header: '預計成交 Expected close', value: val('expectedCloseDate'), width: 12 },
        { header: '負責人 Owner', value: val('ownerName'), width: 12 },
        { header: '營業廳 Hall', value: val('hallName'), width: 16 },
        { header: '產品 Products', value: list('productCodes'), width: 24 },
        { header: '建立 Created', value: time('createdAt'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Read an opportunity with its stage history' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.opportunities.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Edit or move the stage (recorded); `version` must be current' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, an illegal stage change, or a closed (won / lost) opportunity' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateOpportunityDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.opportunities.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete an opportunity (orders and activities keep their record, without the link)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.opportunities.remove(id, actor);
  }
}
