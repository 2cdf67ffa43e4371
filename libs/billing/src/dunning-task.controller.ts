import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { uuidParam } from './billing-param.util';
import { AssignDunningTaskDto, CompleteDunningTaskDto, DunningTaskPageDto, DunningTaskResponseDto, ListDunningTasksDto } from './dto/dunning-task.dto';
import { DunningService } from './dunning.service';

@ApiTags('arrears')
@Controller('api/v1/dunning-tasks')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class DunningTaskController {
  constructor(private readonly dunning: DunningService) {}

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Manual dunning tasks (人工催繳任務): to do first, then done; paginated' })
  @ApiOkResponse({ type: DunningTaskPageDto })
  list(@Query() q: ListDunningTasksDto): Promise<DunningTaskPageDto> {
    return this.dunning.listTasks(q);
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
