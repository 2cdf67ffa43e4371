import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { Page } from '@crm/platform';
import { UUID_PATTERN } from '../operations-info.constants';
import { keyParamPipe, operationsResourceController, pageDtoOf } from '../resource/operations-resource.controller';
import { CreateOperationsStaffDto, ListOperationsStaffDto, ListReportsDto, OperationsStaffDto, UpdateOperationsStaffDto } from './operations-staff.dto';
import { OperationsStaffService } from './operations-staff.service';

const staffIdPipe = keyParamPipe('staffId', UUID_PATTERN, 'must be a UUID');

/** /api/v1/operations-staff (keyed by the base-config staff id). */
export const OperationsStaffController = operationsResourceController({
  name: 'OperationsStaffController',
  path: 'operations-staff',
  noun: '經營人員 operations staff profile',
  key: { param: 'staffId', pipe: staffIdPipe },
  service: OperationsStaffService,
  dto: { create: CreateOperationsStaffDto, update: UpdateOperationsStaffDto, list: ListOperationsStaffDto, item: OperationsStaffDto },
});

const ReportsPageDto = pageDtoOf(OperationsStaffDto);

/** /api/v1/operations-staff/:staffId/reports: the staff a manager manages. */
@ApiTags('operations-staff')
@Controller('api/v1/operations-staff/:staffId/reports')
export class OperationsStaffReportsController {
  constructor(private readonly staff: OperationsStaffService) {}

  @Get()
  @RequirePermissions(Permission.OperationsRead)
  @ApiOperation({ summary: 'List the staff reporting to a manager (direct, or the whole line with indirect=true), paginated' })
  @ApiOkResponse({ type: ReportsPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The manager has no operations profile' })
  reports(@Param('staffId', staffIdPipe) staffId: string, @Query() q: ListReportsDto, @Actor() actor: RequestActor): Promise<Page<OperationsStaffDto>> {
    return this.staff.reports(staffId, q, actor);
  }
}
