import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CreateMarketResearchDto, ExportMarketResearchDto, ListMarketResearchDto, MarketResearchDto, MarketResearchPageDto, UpdateMarketResearchDto } from './dto/market-research.dto';
import { ExportRow, time, uuidParam, val } from './http.util';
import { MarketResearchService } from './market-research.service';
import { MARKET_RESEARCH_ENTITY } from './marketing.constants';

@ApiTags('market-research')
@Controller('api/v1/market-research')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class MarketResearchController {
  constructor(
    private readonly research: MarketResearchService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Record market research (市場調研)' })
  @ApiCreatedResponse({ type: MarketResearchDto })
  create(@Body() dto: CreateMarketResearchDto, @Actor() actor: RequestActor): Promise<MarketResearchDto> {
    return this.research.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Query market research by method, district, period, words; paginated' })
  @ApiOkResponse({ type: MarketResearchPageDto })
  list(@Query() q: ListMarketResearchDto): Promise<MarketResearchPageDto> {
    return this.research.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Export market research (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportMarketResearchDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: MARKET_RESEARCH_ENTITY, newValues: { format, filters } });
    await streamExport<ExportRow>(res, {
      format,
      title: '市場調研 Market research',
      filename: 'market-research',
      rows: streamRawRows(this.research.exportQuery(q)),
      columns: [
        { header: '標題 Title', value: val('title'), width: 30 },
        { header: '主題 Topic', value: val('topic'), width: 20 },
        { header: '方法 Method', value: val('method'), width: 12 },
        { header: '起 From', value: val('period_from'), width: 10 },
        { header: '止 To', value: val('period_to'), width: 10 },
        { header: '區縣 District', value: val('district_code'), width: 8 },
        { header: '地域 Region', value: val('region'), width: 20 },
        { header: '結論 Findings', value: val('findings'), width: 50 },
        { header: '來源 Source', value: val('source'), width: 20 },
        { header: '建立 Created', value: time('created_at'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Read one market research record' })
  @ApiOkResponse({ type: MarketResearchDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<MarketResearchDto> {
    return this.research.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Change a market research record; `version` must be current' })
  @ApiOkResponse({ type: MarketResearchDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateMarketResearchDto, @Actor() actor: RequestActor): Promise<MarketResearchDto> {
    return this.research.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Delete a market research record' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.research.remove(id, actor);
  }
}
