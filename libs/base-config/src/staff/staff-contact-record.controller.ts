import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { UUID_PATTERN } from '../base-config.constants';
import { keyParamPipe } from '../reference-data/reference-data.controller';
import { CreateStaffContactRecordDto, ListStaffContactRecordsDto, StaffContactRecordDto, StaffContactRecordPageDto } from './staff-contact-record.dto';
import { StaffContactRecordService } from './staff-contact-record.service';

const staffId = keyParamPipe('id', UUID_PATTERN, 'must be a UUID');
const recordId = keyParamPipe('recordId', UUID_PATTERN, 'must be a UUID');

@ApiTags('staff')
@Controller('api/v1/staff/:id/contact-records')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such staff member (or record)' })
export class StaffContactRecordController {
  constructor(private readonly records: StaffContactRecordService) {}

  @Post()
  @RequirePermissions(Permission.ConfigWrite)
  @ApiOperation({ summary: 'Record a contact made by a staff member (員工聯繫記錄)' })
  @ApiCreatedResponse({ type: StaffContactRecordDto })
  create(@Param('id', staffId) id: string, @Body() dto: CreateStaffContactRecordDto, @Actor() actor: RequestActor): Promise<StaffContactRecordDto> {
    return this.records.create(id, dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.ConfigRead)
  @ApiOperation({ summary: "A staff member's contact records, newest first" })
  @ApiOkResponse({ type: StaffContactRecordPageDto })
  list(@Param('id', staffId) id: string, @Query() q: ListStaffContactRecordsDto): Promise<StaffContactRecordPageDto> {
    return this.records.list(id, q);
  }

  @Delete(':recordId')
  @HttpCode(204)
  @RequirePermissions(Permission.ConfigWrite)
  @ApiOperation({ summary: 'Delete a contact record' })
  @ApiNoContentResponse()
  async remove(@Param('id', staffId) id: string, @Param('recordId', recordId) record: string, @Actor() actor: RequestActor): Promise<void> {
    await this.records.remove(id, record, actor);
  }
}
