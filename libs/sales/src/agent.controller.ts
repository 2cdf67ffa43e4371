import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { AgentService } from './agent.service';
import { CommissionService } from './commission.service';
import {
  AgentPerformanceQueryDto, ApproveCommissionDto, ComputeCommissionDto, CreateAgentDto, CreateRepresentativeDto, ExportAgentsDto, ExportCommissionsDto, ListAgentsDto,
  ListCommissionsDto, ListRepresentativesDto, UpdateAgentDto, UpdateRepresentativeDto,
} from './dto/agent.dto';
import { time, uuidParam, val } from './http.util';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { exportSales } from './sales-export.util';
import { Row } from './sales-record.repository';

@ApiTags('agents')
@Controller('api/v1/agents')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class AgentController {
  constructor(
    private readonly agents: AgentService,
    private readonly commissions: CommissionService,
    private readonly crud: SalesCrudService,
  ) {}

  @Post()
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Create an agent (代理商); 409 code used' })
  create(@Body() dto: CreateAgentDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.agents.create(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Query agents by status, district, name prefix; paginated' })
  list(@Query() q: ListAgentsDto): Promise<Page> {
    return this.agents.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportAgentsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportAgentsDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.agent, title: '代理商 Agents', filename: 'agents', query: this.agents.exportQuery(q),
      columns: [
        { header: '代碼 Code', value: val('code'), width: 14 },
        { header: '名稱 Name', value: val('name'), width: 24 },
        { header: '區縣 District', value: val('districtName'), width: 10 },
        { header: '電話 Phone', value: val('contactPhone'), width: 14 },
        { header: '狀態 Status', value: val('status'), width: 10 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.agents.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.SalesWrite)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateAgentDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.agents.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Delete an agent; 409 once orders or statements refer to it (suspend it instead)' })
  @ApiNoContentResponse()
  remove(@Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    return this.agents.remove(id, actor);
  }

  @Post(':id/representatives')
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Add a representative (代理商代表) to the agent' })
  createRepresentative(@Param('id', uuidParam) id: string, @Body() dto: CreateRepresentativeDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.agents.createRepresentative(id, dto, actor);
  }

  @Get(':id/representatives')
  @RequirePermissions(Permission.SalesRead)
  listRepresentatives(@Param('id', uuidParam) id: string, @Query() q: ListRepresentativesDto): Promise<Page> {
    return this.agents.listRepresentatives(id, q);
  }

  @Get(':id/representatives/:repId')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRepresentative(@Param('id', uuidParam) id: string, @Param('repId', uuidParam) repId: string): Promise<Row> {
    return this.agents.getRepresentative(id, repId);
  }

  @Patch(':id/representatives/:repId')
  @RequirePermissions(Permission.SalesWrite)
  updateRepresentative(@Param('id', uuidParam) id: string, @Param('repId', uuidParam) repId: string, @Body() dto: UpdateRepresentativeDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.agents.updateRepresentative(id, repId, dto, actor);
  }

  @Delete(':id/representatives/:repId')
  @HttpCode(204)
  @RequirePermissions(Permission.SalesWrite)
  @ApiNoContentResponse()
  removeRepresentative(@Param('id', uuidParam) id: string, @Param('repId', uuidParam) repId: string, @Actor() actor: RequestActor): Promise<void> {
    return this.agents.removeRepresentative(id, repId, actor);
  }

  @Get(':id/performance')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Agent performance: completed orders and revenue per month within from..to' })
  performance(@Param('id', uuidParam) id: string, @Query() q: AgentPerformanceQueryDto): Promise<unknown> {
    return this.agents.performance(id, q);
  }

  @Post(':id/commissions/compute')
  @HttpCode(200)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Compute (or recompute) the agent’s commission / bonus statement of a month; idempotent; 409 once approved' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  compute(@Param('id', uuidParam) id: string, @Body() dto: ComputeCommissionDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.commissions.compute(id, dto.period, actor);
  }

  @Get(':id/commissions')
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: "The agent's statements" })
  async listCommissions(@Param('id', uuidParam) id: string, @Query() q: ListCommissionsDto): Promise<Page> {
    await this.agents.get(id);
    return this.commissions.list({ ...q, agentId: id } as ListCommissionsDto);
  }
}

@ApiTags('agents')
@Controller('api/v1/commission-statements')
@ApiBadRequestResponse({ type: ErrorResponseDto })
export class CommissionController {
  constructor(
    private readonly commissions: CommissionService,
    private readonly crud: SalesCrudService,
  ) {}

  @Get()
  @RequirePermissions(Permission.SalesRead)
  @ApiOperation({ summary: 'Commission statements (佣金/獎金) by agent, period, status; paginated' })
  list(@Query() q: ListCommissionsDto): Promise<Page> {
    return this.commissions.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.SalesRead)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportCommissionsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportSales(res, this.crud, actor, q as unknown as ExportCommissionsDto & Record<string, unknown>, {
      entityType: SALES_ENTITY.commission, title: '佣金/獎金 Commission statements', filename: 'commission-statements', query: this.commissions.exportQuery(q),
      columns: [
        { header: '代理商 Agent', value: val('agentName'), width: 20 },
        { header: '月份 Period', value: val('period'), width: 8 },
        { header: '狀態 Status', value: val('status'), width: 10 },
        { header: '定單 Orders', value: val('orders'), width: 8 },
        { header: '營收(分) Revenue (fen)', value: val('revenueFen'), width: 14 },
        { header: '佣金(分) Commission (fen)', value: val('commissionFen'), width: 14 },
        { header: '獎金(分) Bonus (fen)', value: val('bonusFen'), width: 14 },
        { header: '追回(分) Clawback (fen)', value: val('clawbackFen'), width: 14 },
        { header: '合計(分) Total (fen)', value: val('totalFen'), width: 14 },
        { header: '審批 Approved', value: time('approvedAt'), width: 24 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.SalesRead)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam) id: string): Promise<Row> {
    return this.commissions.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions(Permission.SalesWrite)
  @ApiOperation({ summary: 'Approve a statement: immutable afterwards' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  approve(@Param('id', uuidParam) id: string, @Body() dto: ApproveCommissionDto, @Actor() actor: RequestActor): Promise<Row> {
    return this.commissions.approve(id, dto.version, actor);
  }
}
