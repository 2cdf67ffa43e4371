import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { CreatePromotionDto } from './dto/create-promotion.dto';
import { EffectQueryDto, PromotionCustomersQueryDto } from './dto/effect-query.dto';
import { ExportPromotionsDto, ListPromotionsDto } from './dto/list-promotions.dto';
import { ApplyResultDto, PromotionCustomerPageDto, PromotionEffectDto, PromotionPageDto, PromotionResponseDto } from './dto/promotion-response.dto';
import { UpdatePromotionDto } from './dto/update-promotion.dto';
import { PROMOTION_ENTITY, PromotionService } from './promotion.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });
type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;

@ApiTags('promotions')
@Controller('api/v1/promotions')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class PromotionController {
  constructor(
    private readonly promotions: PromotionService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.PromotionWrite)
  @ApiOperation({ summary: 'Create a promotion policy (優惠建立)' })
  @ApiCreatedResponse({ type: PromotionResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'policyCode already used' })
  create(@Body() dto: CreatePromotionDto, @Actor() actor: RequestActor): Promise<PromotionResponseDto> {
    return this.promotions.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.PromotionRead)
  @ApiOperation({ summary: 'Query promotions by criteria, paginated' })
  @ApiOkResponse({ type: PromotionPageDto })
  list(@Query() q: ListPromotionsDto): Promise<PromotionPageDto> {
    return this.promotions.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.PromotionRead)
  @ApiOperation({ summary: 'Export promotions (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportPromotionsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: PROMOTION_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '優惠清單 Promotions',
      filename: 'promotions',
      rows: streamRawRows(this.promotions.exportQuery(q)),
      columns: [
        { header: '政策編號 Policy', value: val('policy_code'), width: 18 },
        { header: '名稱 Name', value: val('name'), width: 30 },
        { header: '目的 Purpose', value: val('purpose'), width: 30 },
        { header: '開始 From', value: val('period_from'), width: 12 },
        { header: '結束 To', value: val('period_to'), width: 12 },
        { header: '地區 Region', value: val('region_codes'), width: 20 },
        { header: '方式 Method', value: val('method'), width: 10 },
        { header: '內容 Description', value: val('description'), width: 30 },
        { header: '對象 Target rule', value: val('target_rule'), width: 40 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '已優惠客戶 Customers', value: (r) => Number(r.customers_applied), width: 10 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.PromotionRead)
  @ApiOperation({ summary: 'Read one promotion' })
  @ApiOkResponse({ type: PromotionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string): Promise<PromotionResponseDto> {
    return this.promotions.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.PromotionWrite)
  @ApiOperation({ summary: 'Modify a promotion (修改); `version` must be current; status moves draft → active → ended, or → cancelled' })
  @ApiOkResponse({ type: PromotionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or a status change that is not allowed' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdatePromotionDto, @Actor() actor: RequestActor): Promise<PromotionResponseDto> {
    return this.promotions.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.PromotionWrite)
  @ApiOperation({ summary: 'Delete a promotion that was never applied (otherwise cancel it)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already applied to customers' })
  async remove(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.promotions.remove(id, actor);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @RequirePermissions(Permission.PromotionWrite)
  @ApiOperation({ summary: 'Apply: record the customers the target rule selects now (idempotent)' })
  @ApiOkResponse({ type: ApplyResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not active, or today is outside its period' })
  apply(@Param('id', uuid) id: string, @Actor() actor: RequestActor): Promise<ApplyResultDto> {
    return this.promotions.apply(id, actor);
  }

  @Get(':id/customers')
  @RequirePermissions(Permission.PromotionRead)
  @ApiOperation({ summary: 'Customers the promotion was applied to, paginated' })
  @ApiOkResponse({ type: PromotionCustomerPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  customers(@Param('id', uuid) id: string, @Query() q: PromotionCustomersQueryDto): Promise<PromotionCustomerPageDto> {
    return this.promotions.customers(id, q.page, q.pageSize);
  }

  @Get(':id/effect')
  @RequirePermissions(Permission.PromotionRead)
  @ApiOperation({ summary: "Effect (效果): applied customers' billed spend, N months before vs after the promotion's start" })
  @ApiOkResponse({ type: PromotionEffectDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  effect(@Param('id', uuid) id: string, @Query() q: EffectQueryDto): Promise<PromotionEffectDto> {
    return this.promotions.effect(id, q);
  }
}
