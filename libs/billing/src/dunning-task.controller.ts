import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { exportRows, num, val } from './billing-export.util';
import { uuidParam } from './billing-param.util';
import { AssignDunningTaskDto, CompleteDunningTaskDto, DunningTaskPageDto, DunningTaskResponseDto, ListDunningTasksDto } from './dto/dunning-task.dto';
import { ExportDunningTasksDto } from './dto/export.dto';
import { DUNNING_TASK_ENTITY, DunningService } from './dunning.service';

@ApiTags('arrears')
@Controller('api/v1/dunning-tasks')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class DunningTaskController {
  constructor(
    private readonly dunning: DunningService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Manual dunning tasks (人工催繳任務): to do first, then done; paginated' })
  @ApiOkResponse({ type: DunningTaskPageDto })
  list(@Query() q: ListDunningTasksDto): Promise<DunningTaskPageDto> {
    return this.dunning.listTasks(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export manual dunning tasks (CSV, XLSX or printable HTML) with the list filters (人工催繳清單)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportDunningTasksDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: DUNNING_TASK_ENTITY,
      format: q.format,
      title: '人工催繳任務 Dunning tasks',
      filename: 'dunning-tasks',
      filters: q,
      query: this.dunning.exportQuery(q),
      columns: [
        { header: '賬號 Account number', value: val('account_number'), width: 22 },
        { header: '客戶名稱 Customer', value: val('customer_name') },
        { header: '區縣 District', value: val('district_code'), width: 10 },
        { header: '業務 Service', value: val('service'), width: 10 },
        { header: '欠費金額 Amount (fen)', value: num('amount_fen') },
        { header: '欠費起始 Since', value: val('since'), width: 12 },
        { header: '回收狀態 Arrear status', value: val('arrear_status'), width: 12 },
        { header: '催繳次數 Attempts', value: num('dunning_count'), width: 10 },
        { header: '停機 Suspended', value: val('suspended'), width: 10 },
        { header: '負責人 Assigned to', value: val('assigned_to'), width: 14 },
        { header: '完成 Done', value: val('done'), width: 8 },
        { header: '完成時間 Done at', value: val('done_at'), width: 24 },
        { header: '完成人 Done by', value: val('done_by'), width: 14 },
        { header: '備註 Note', value: val('note'), width: 40 },
        { header: '創建時間 Created at', value: val('created_at'), width: 24 },
        { header: '任務 Task id', value: val('id'), width: 38 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Read one dunning task' })
  @ApiOkResponse({ type: DunningTaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string): Promise<DunningTaskResponseDto> {
    return this.dunning.getTask(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Assign a task to a user (or unassign with null)' })
  @ApiOkResponse({ type: DunningTaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version or task already done' })
  assign(@Param('id', uuidParam()) id: string, @Body() dto: AssignDunningTaskDto, @Actor() actor: RequestActor): Promise<DunningTaskResponseDto> {
    return this.dunning.assign(id, dto, actor);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Mark a task done; counts as one dunning attempt of its arrear' })
  @ApiOkResponse({ type: DunningTaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version or task already done' })
  complete(@Param('id', uuidParam()) id: string, @Body() dto: CompleteDunningTaskDto, @Actor() actor: RequestActor): Promise<DunningTaskResponseDto> {
    return this.dunning.complete(id, dto, actor);
  }
}
