import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { maskPhone } from '@crm/personal-data';
import { CampaignService } from './campaign.service';
import {
  CampaignDto, CampaignEvaluationDto, CampaignPageDto, CampaignTransitionDto, ContactListResultDto, ContactPageDto, CreateCampaignDto, EvaluationQueryDto, ExportCampaignsDto,
  ExportContactsDto, ListCampaignsDto, ListContactsDto, ListResponsesDto, RecordResponsesDto, RecordResponsesResultDto, ResponsePageDto, UpdateCampaignDto,
} from './dto/campaign.dto';
import { ExportRow, time, uuidParam, val } from './http.util';
import { CAMPAIGN_ENTITY } from './marketing.constants';

@ApiTags('campaigns')
@Controller('api/v1/campaigns')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class CampaignController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Create a campaign (營銷活動) of a plan, targeting a segment or a saved customer query, optionally carrying out a received directive' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Duplicate code, or the plan is evaluated' })
  create(@Body() dto: CreateCampaignDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.campaigns.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Query campaigns by plan, status, channel, directive, start date, words; paginated' })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() q: ListCampaignsDto): Promise<CampaignPageDto> {
    return this.campaigns.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Export campaigns (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportCampaignsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: CAMPAIGN_ENTITY, newValues: { format, filters } });
    await streamExport<ExportRow>(res, {
      format,
      title: '營銷活動 Campaigns',
      filename: 'campaigns',
      rows: streamRawRows(this.campaigns.exportQuery(q)),
      columns: [
        { header: '編碼 Code', value: val('code'), width: 20 },
        { header: '名稱 Name', value: val('name'), width: 30 },
        { header: '渠道 Channel', value: val('channel'), width: 10 },
        { header: '指令 Directive', value: (r) => (r.directive_key ? `${r.directive_origin}:${r.directive_key} v${r.directive_version}` : null), width: 24 },
        { header: '目標 Target', value: (r) => (r.target_kind === 'segment' ? `${r.segment_dimension}/${r.segment} ${r.segment_period}` : JSON.stringify(r.customer_query)), width: 30 },
        { header: '開始 Start', value: val('start_date'), width: 10 },
        { header: '結束 End', value: val('end_date'), width: 10 },
        { header: '狀態 Status', value: val('status'), width: 8 },
        { header: '目標組 Target group', value: val('target_contacts'), width: 10 },
        { header: '對照組 Control group', value: val('control_contacts'), width: 10 },
        { header: '建立 Created', value: time('created_at'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Read one campaign with its contact list sizes' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Change name, description, method, channel, dates or evaluation months; `version` must be current' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or the campaign is closed' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateCampaignDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.campaigns.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Delete a planned campaign and its contact list' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not planned any more' })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.campaigns.remove(id, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'planned → active (contact list built, plan executing) → closed (stores the evaluation)' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Illegal move, missing contact list, plan not executing, stale version' })
  transition(@Param('id', uuidParam) id: string, @Body() dto: CampaignTransitionDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.campaigns.transition(id, dto, actor);
  }

  @Post(':id/contact-list')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Build (or rebuild) the contact list from the target, holding back the control group; while planned' })
  @ApiCreatedResponse({ type: ContactListResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Campaign not planned, or plan not confirmed / executing' })
  buildContactList(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<ContactListResultDto> {
    return this.campaigns.buildContactList(id, actor);
  }

  @Get(':id/contacts')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'The contact list (target and control group); phone numbers masked unless the caller may read personal data' })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  contacts(@Param('id', uuidParam) id: string, @Query() q: ListContactsDto, @Actor() actor: RequestActor): Promise<ContactPageDto> {
    return this.campaigns.contacts(id, q, actor);
  }

  @Get(':id/contacts/export')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Export the contact list (CSV, XLSX or printable HTML); masked like the list' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async exportContacts(@Param('id', uuidParam) id: string, @Query() q: ExportContactsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { campaign, query } = await this.campaigns.contactsExport(id, q, actor);
    const unmasked = actor.personalData;
    await streamExport<ExportRow>(res, {
      format: q.format,
      title: `活動名單 Contact list: ${campaign.name}`,
      filename: `campaign-${campaign.code}-contacts`,
      rows: streamRawRows(query),
      columns: [
        { header: '客戶編號 Customer ID', value: val('customer_id'), width: 38 },
        { header: '客戶名稱 Name', value: val('name'), width: 24 },
        { header: '客戶類型 Type', value: val('customer_type'), width: 16 },
        { header: '區縣 District', value: val('district_code'), width: 8 },
        { header: '電話 Phone', value: (r) => (unmasked ? (r.phone as string) : maskPhone(r.phone as string)), width: 14 },
        { header: '組 Group', value: val('contact_group'), width: 8 },
        { header: '響應 Outcomes', value: (r) => ((r.outcomes as string[] | null) ?? []).join(', '), width: 24 },
      ],
    });
  }

  @Post(':id/responses')
  @RequirePermissions(Permission.MarketingWrite)
  @ApiOperation({ summary: 'Record responses (響應): one {customerId, channel, outcome, at?, revenueFen?} or a batch {responses: [...]}; while active' })
  @ApiCreatedResponse({ type: RecordResponsesResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The campaign is not active' })
  recordResponses(@Param('id', uuidParam) id: string, @Body() dto: RecordResponsesDto, @Actor() actor: RequestActor): Promise<RecordResponsesResultDto> {
    return this.campaigns.recordResponses(id, dto, actor);
  }

  @Get(':id/responses')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Responses of the campaign by outcome, channel, customer; paginated' })
  @ApiOkResponse({ type: ResponsePageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  responses(@Param('id', uuidParam) id: string, @Query() q: ListResponsesDto): Promise<ResponsePageDto> {
    return this.campaigns.responses(id, q);
  }

  @Get(':id/evaluation')
  @RequirePermissions(Permission.MarketingRead)
  @ApiOperation({ summary: 'Evaluation (活動評估): reach, response and conversion rates, revenue after vs before, control group and uplift; stored at closing' })
  @ApiOkResponse({ type: CampaignEvaluationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  evaluation(@Param('id', uuidParam) id: string, @Query() q: EvaluationQueryDto): Promise<CampaignEvaluationDto> {
    return this.campaigns.evaluation(id, q.months);
  }
}
