import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CreateMarketingMethodDto, ExportMarketingMethodsDto, ListMarketingMethodsDto, MarketingMethodDto, MarketingMethodPageDto, UpdateMarketingMethodDto } from './dto/marketing-method.dto';
import { ExportRow, time, uuidParam, val } from './http.util';
import { MarketingMethodService } from './marketing-method.service';
import { MARKETING_METHOD_ENTITY } from './marketing.constants';

@ApiTags('marketing-methods')
@Controller('api/v1/marketing-methods')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class MarketingMethodController {
  constructor(
    private readonly methods: MarketingMethodService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Record a marketing method (營銷手段)' })
  @ApiCreatedResponse({ type: MarketingMethodDto })
  create(@Body() dto: CreateMarketingMethodDto, @Actor() actor: RequestActor): Promise<MarketingMethodDto> {
    return this.methods.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Query marketing methods by channel, cost model, name; paginated' })
  @ApiOkResponse({ type: MarketingMethodPageDto })
  list(@Query() q: ListMarketingMethodsDto): Promise<MarketingMethodPageDto> {
    return this.methods.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Export marketing methods (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportMarketingMethodsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: MARKETING_METHOD_ENTITY, newValues: { format, filters } });
    await streamExport<ExportRow>(res, {
      format,
      title: '營銷手段 Marketing methods',
      filename: 'marketing-methods',
      rows: streamRawRows(this.methods.exportQuery(q)),
      columns: [
        { header: '名稱 Name', value: val('name'), width: 24 },
        { header: '渠道 Channel', value: val('channel'), width: 12 },
        { header: '說明 Description', value: val('description'), width: 40 },
        { header: '成本模式 Cost model', value: val('cost_model'), width: 14 },
        { header: '單位成本（分） Unit cost (fen)', value: (r) => (r.unit_cost_fen === null ? null : Number(r.unit_cost_fen)), width: 14 },
        { header: '建立 Created', value: time('created_at'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Read one marketing method' })
  @ApiOkResponse({ type: MarketingMethodDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<MarketingMethodDto> {
    return this.methods.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Change a marketing method; `version` must be current' })
  @ApiOkResponse({ type: MarketingMethodDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version or duplicate name' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateMarketingMethodDto, @Actor() actor: RequestActor): Promise<MarketingMethodDto> {
    return this.methods.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Delete a marketing method not used by any campaign' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Used by campaigns' })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.methods.remove(id, actor);
  }
}
