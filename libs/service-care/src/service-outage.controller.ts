import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CreateOutageDto, ExportOutagesDto, ListOutagesDto, OutageDto, OutagePageDto, UpdateOutageDto } from './dto/outage.dto';
import { ExportRow, time, uuidParam, val } from './http.util';
import { OutageService } from './outage.service';
import { SERVICE_OUTAGE_ENTITY } from './service-care.constants';

type Row = ExportRow;

@ApiTags('service-outages')
@Controller('api/v1/service-outages')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ServiceOutageController {
  constructor(
    private readonly outages: OutageService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Record an outage (故障) with its affected customers or subscriptions' })
  @ApiCreatedResponse({ type: OutageDto })
  create(@Body() dto: CreateOutageDto, @Actor() actor: RequestActor): Promise<OutageDto> {
    return this.outages.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Query outages by district, start date, ongoing; paginated' })
  @ApiOkResponse({ type: OutagePageDto })
  list(@Query() q: ListOutagesDto): Promise<OutagePageDto> {
    return this.outages.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Export outages (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportOutagesDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: SERVICE_OUTAGE_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '故障記錄 Service outages',
      filename: 'service-outages',
      rows: streamRawRows(this.outages.exportQuery(q)),
      columns: [
        { header: '地區 District', value: val('district_code'), width: 8 },
        { header: '範圍 Area', value: val('area'), width: 24 },
        { header: '描述 Description', value: val('description'), width: 40 },
        { header: '開始 Started', value: time('started_at'), width: 24 },
        { header: '結束 Ended', value: time('ended_at'), width: 24 },
        { header: '影響客戶 Affected customers', value: val('affected_customers'), width: 10 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Read one outage with its affected customers' })
  @ApiOkResponse({ type: OutageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<OutageDto> {
    return this.outages.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Record the end of an outage (or correct it); `version` must be current' })
  @ApiOkResponse({ type: OutageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateOutageDto, @Actor() actor: RequestActor): Promise<OutageDto> {
    return this.outages.update(id, dto, actor);
  }
}
