import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { CareGenerationService } from './care-generation.service';
import { CareTaskService } from './care-task.service';
import { CareTaskDto, CareTaskPageDto, CreateCareTaskDto, ExportCareTasksDto, GenerateCareTasksDto, GenerateCareTasksResultDto, ListCareTasksDto, UpdateCareTaskDto } from './dto/care-task.dto';
import { CARE_TASK_ENTITY } from './service-care.constants';
import { time, uuidParam, val } from './http.util';

type Row = Record<string, unknown>;

@ApiTags('care-tasks')
@Controller('api/v1/care-tasks')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class CareTaskController {
  constructor(
    private readonly tasks: CareTaskService,
    private readonly generation: CareGenerationService,
    private readonly audit: AuditService,
  ) {}

  @Post('generate')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Run the care rules (key account visits, anniversaries, outage follow-ups) for asOf; idempotent' })
  @ApiOkResponse({ type: GenerateCareTasksResultDto })
  generate(@Body() dto: GenerateCareTasksDto, @Actor() actor: RequestActor): Promise<GenerateCareTasksResultDto> {
    return this.generation.generate(dto.asOf, actor);
  }

  @Post()
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Create a care task by hand (關懷任務); with an assignee or department it starts assigned' })
  @ApiCreatedResponse({ type: CareTaskDto })
  create(@Body() dto: CreateCareTaskDto, @Actor() actor: RequestActor): Promise<CareTaskDto> {
    return this.tasks.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Query care tasks by status, kind, origin, assignee, department, customer, due dates; paginated' })
  @ApiOkResponse({ type: CareTaskPageDto })
  list(@Query() q: ListCareTasksDto): Promise<CareTaskPageDto> {
    return this.tasks.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Export care tasks (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportCareTasksDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { format, ...filters } = q;
    await this.audit.record(undefined, actor, { action: 'export', entityType: CARE_TASK_ENTITY, newValues: { format, filters } });
    await streamExport<Row>(res, {
      format,
      title: '關懷任務 Care tasks',
      filename: 'care-tasks',
      rows: streamRawRows(this.tasks.exportQuery(q)),
      columns: [
        { header: '客戶 Customer', value: val('customer_name'), width: 20 },
        { header: '客戶編號 Customer id', value: val('customer_id'), width: 38 },
        { header: '類型 Kind', value: val('kind'), width: 16 },
        { header: '來源 Origin', value: val('origin'), width: 8 },
        { header: '規則 Rule', value: val('rule'), width: 18 },
        { header: '標題 Title', value: val('title'), width: 30 },
        { header: '到期 Due', value: val('due_date'), width: 10 },
        { header: '負責人 Assignee', value: val('assignee_name'), width: 12 },
        { header: '部門 Department', value: val('department_code'), width: 12 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '結果 Outcome', value: val('outcome'), width: 40 },
        { header: '完成 Done at', value: time('done_at'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Read one care task with its status history' })
  @ApiOkResponse({ type: CareTaskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<CareTaskDto> {
    return this.tasks.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Edit, assign, complete (with outcome) or cancel a task; `version` must be current' })
  @ApiOkResponse({ type: CareTaskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, a status change that is not allowed, or a final task' })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateCareTaskDto, @Actor() actor: RequestActor): Promise<CareTaskDto> {
    return this.tasks.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Delete a care task (kept hidden, so its occasion is not generated again)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.tasks.remove(id, actor);
  }
}
