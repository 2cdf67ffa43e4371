import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiBadRequestResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { AbnormalCustomerService } from './abnormal.service';
import { ABNORMAL_CASE_ENTITY, POTENTIAL_KEY_ACCOUNT_ENTITY } from './customer-watch.constants';
import { AbnormalCaseDto, AbnormalCasePageDto, ExportAbnormalCasesDto, ListAbnormalCasesDto, RunAbnormalRulesDto, RunAbnormalRulesResultDto, UpdateAbnormalCaseDto } from './dto/abnormal.dto';
import { CreateNoteDto, ExportPotentialDto, GeneratePotentialDto, GeneratePotentialResultDto, ListPotentialDto, PotentialKeyAccountDto, PotentialNoteDto, PotentialPageDto, PromoteDto, UpdatePotentialDto } from './dto/potential.dto';
import { PotentialKeyAccountService } from './potential-key-account.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });
type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;
const time = (key: string) => (r: Row): string | null => (r[key] ? new Date(r[key] as string).toISOString() : null);

@ApiTags('abnormal-customers')
@Controller('api/v1/abnormal-customers')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class AbnormalCustomerController {
  constructor(
    private readonly cases: AbnormalCustomerService,
    private readonly audit: AuditService,
  ) {}

  @Post('run')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Run the abnormal-customer rules (異常客戶) for the billing month of asOf; idempotent' })
  @ApiOkResponse({ type: RunAbnormalRulesResultDto })
  run(@Body() dto: RunAbnormalRulesDto, @Actor() actor: RequestActor): Promise<RunAbnormalRulesResultDto> {
    return this.cases.run(dto.asOf, actor);
  }

  @Get()
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Query abnormal cases by kind, service, status, customer, period; paginated' })
  @ApiOkResponse({ type: AbnormalCasePageDto })
  list(@Query() q: ListAbnormalCasesDto): Promise<AbnormalCasePageDto> {
    return this.cases.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export abnormal cases (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportAbnormalCasesDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: ABNORMAL_CASE_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '異常客戶 Abnormal customers',
      filename: 'abnormal-customers',
      rows: streamRawRows(this.cases.exportQuery(q)),
      columns: [
        { header: '客戶 Customer', value: val('customer_name'), width: 20 },
        { header: '客戶編號 Customer id', value: val('customer_id'), width: 38 },
        { header: '地區 District', value: val('district_code'), width: 8 },
        { header: '類型 Kind', value: val('kind'), width: 14 },
        { header: '業務 Service', value: val('service'), width: 10 },
        { header: '賬期 Period', value: val('period'), width: 10 },
        { header: '發現 Detected', value: time('detected_at'), width: 24 },
        { header: '依據 Evidence', value: (r) => JSON.stringify(r.evidence), width: 60 },
        { header: '狀態 Status', value: val('status'), width: 10 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Read one abnormal case with its status history' })
  @ApiOkResponse({ type: AbnormalCaseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string): Promise<AbnormalCaseDto> {
    return this.cases.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Confirm, dismiss or close (confirmed normal) a case with a note; `version` must be current' })
  @ApiOkResponse({ type: AbnormalCaseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or a status change that is not allowed' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateAbnormalCaseDto, @Actor() actor: RequestActor): Promise<AbnormalCaseDto> {
    return this.cases.update(id, dto, actor);
  }
}

@ApiTags('potential-key-accounts')
@Controller('api/v1/potential-key-accounts')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class PotentialKeyAccountController {
  constructor(
    private readonly potential: PotentialKeyAccountService,
    private readonly audit: AuditService,
  ) {}

  @Post('generate')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Generate the potential key accounts (潛在大客戶): public customers billed within the band over the last 12 months; idempotent' })
  @ApiOkResponse({ type: GeneratePotentialResultDto })
  generate(@Body() dto: GeneratePotentialDto, @Actor() actor: RequestActor): Promise<GeneratePotentialResultDto> {
    return this.potential.generate(dto.asOf, actor);
  }

  @Get()
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Query potential key accounts, paginated' })
  @ApiOkResponse({ type: PotentialPageDto })
  list(@Query() q: ListPotentialDto): Promise<PotentialPageDto> {
    return this.potential.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export / print the list (CSV, XLSX or printable HTML)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportPotentialDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: POTENTIAL_KEY_ACCOUNT_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '潛在大客戶 Potential key accounts',
      filename: 'potential-key-accounts',
      rows: streamRawRows(this.potential.exportQuery(q)),
      columns: [
        { header: '客戶 Customer', value: val('customer_name'), width: 20 },
        { header: '客戶編號 Customer id', value: val('customer_id'), width: 38 },
        { header: '類型 Type', value: val('customer_type'), width: 18 },
        { header: '地區 District', value: val('district_code'), width: 8 },
        { header: '年度出賬 Annual billed (fen)', value: (r) => Number(r.annual_billed_fen), width: 14 },
        { header: '起 From', value: val('window_from'), width: 10 },
        { header: '止 To', value: val('window_to'), width: 10 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '客戶經理 Owner', value: val('owner_staff_id'), width: 38 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Read one potential key account with its tracking notes' })
  @ApiOkResponse({ type: PotentialKeyAccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuid) id: string): Promise<PotentialKeyAccountDto> {
    return this.potential.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Change status (candidate / nurturing / dropped) or owner; `version` must be current' })
  @ApiOkResponse({ type: PotentialKeyAccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuid) id: string, @Body() dto: UpdatePotentialDto, @Actor() actor: RequestActor): Promise<PotentialKeyAccountDto> {
    return this.potential.update(id, dto, actor);
  }

  @Post(':id/notes')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Add a tracking record (跟蹤記錄)' })
  @ApiCreatedResponse({ type: PotentialNoteDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  addNote(@Param('id', uuid) id: string, @Body() dto: CreateNoteDto, @Actor() actor: RequestActor): Promise<PotentialNoteDto> {
    return this.potential.addNote(id, dto, actor);
  }

  @Post(':id/promote')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: "Promote to key account: changes the customer's type to key_individual / key_enterprise" })
  @ApiOkResponse({ type: PotentialKeyAccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already key, promoted or dropped; stale version' })
  promote(@Param('id', uuid) id: string, @Body() dto: PromoteDto, @Actor() actor: RequestActor): Promise<PotentialKeyAccountDto> {
    return this.potential.promote(id, dto, actor);
  }
}
