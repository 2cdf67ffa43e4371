import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CreateSalesTaskDto, CreateSalesTeamDto, ExportSalesTasksDto, ListSalesTasksDto, ListSalesTeamsDto, UpdateSalesTaskDto, UpdateSalesTeamDto } from './dto/sales-task.dto';
import { time, uuidParam, val } from './http.util';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';
import { SalesTaskService } from './sales-task.service';

@ApiTags('sales-tasks')
@Controller('api/v1/sales-teams')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesTeamController {
  constructor(private readonly tasks: SalesTaskService) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'A manager defines a team (銷售團隊) with its members' })
  create(@Body() dto: CreateSalesTeamDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.tasks.createTeam(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  list(@Query() q: ListSalesTeamsDto): Promise<Page> {
    return this.tasks.listTeams(q);
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.tasks.getTeam(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSalesTeamDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.tasks.updateTeam(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete a team; 409 while tasks are assigned to it' })
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.tasks.removeTeam(id, actor);
  }
}

@ApiTags('sales-tasks')
@Controller('api/v1/sales-tasks')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class SalesTaskController {
  constructor(
    private readonly tasks: SalesTaskService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Assign a sales task (銷售任務) with a target to a team or a person, under a parent task' })
  create(@Body() dto: CreateSalesTaskDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.tasks.createTask(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  list(@Query() q: ListSalesTasksDto): Promise<Page> {
    return this.tasks.listTasks(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportSalesTasksDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportSalesTasksDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.task, title: '銷售任務 Sales tasks', filename: 'sales-tasks', query: this.tasks.taskQuery(q),
      columns: [
        { header: '任務 Title', value: val('title'), width: 30 },
        { header: '團隊 Team', value: val('assigneeTeamName'), width: 16 },
        { header: '人員 Staff', value: val('assigneeStaffName'), width: 12 },
        { header: '指標 Kind', value: val('targetKind'), width: 8 },
        { header: '目標 Target', value: val('targetValue'), width: 14 },
        { header: '開始 From', value: val('periodFrom'), width: 12 },
        { header: '結束 To', value: val('periodTo'), width: 12 },
        { header: '狀態 Status', value: val('status'), width: 8 },
        { header: '建立 Created', value: time('createdAt'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'A task with its progress rolled up from its sub-tasks and the completed orders of its assignees' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.tasks.getTask(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSalesTaskDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.tasks.updateTask(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete a task; 409 while it has sub-tasks' })
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.tasks.removeTask(id, actor);
  }
}
