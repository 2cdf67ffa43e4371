import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { streamExport, streamRawRows } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { UUID_PATTERN } from '../base-config.constants';
import { StaffContactRecord } from '../entities/staff-contact-record.entity';
import { keyParamPipe } from '../reference-data/reference-data.controller';
import {
  CreateStaffContactRecordDto,
  ExportStaffContactRecordsDto,
  ListStaffContactRecordsDto,
  StaffContactRecordDto,
  StaffContactRecordPageDto,
  UpdateStaffContactRecordDto,
} from './staff-contact-record.dto';
import { StaffContactRecordExportRow } from './staff-contact-record.repository';
import { StaffContactRecordService } from './staff-contact-record.service';

const staffId = keyParamPipe('id', UUID_PATTERN, 'must be a UUID');
const recordId = keyParamPipe('recordId', UUID_PATTERN, 'must be a UUID');

const CHANNEL_NAMES: Record<string, string> = { phone: '電話 phone', email: '郵件 email', visit: '上門拜訪 visit', meeting: '會議 meeting', im: '即時通訊 im', other: '其他 other' };

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

  @Get('export')
  @RequirePermissions(Permission.ConfigRead)
  @ApiOperation({ summary: "Export or print a staff member's contact records (導出 / 打印) with the list's filters, newest first, streamed" })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM), XLSX, or a printable HTML page' })
  async export(@Param('id', staffId) id: string, @Query() q: ExportStaffContactRecordsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const qb = await this.records.exportQuery(id, q, actor);
    await streamExport<StaffContactRecordExportRow>(res, {
      format: q.format,
      title: '員工聯繫記錄 Staff contact records',
      filename: 'staff-contact-records',
      rows: streamRawRows<StaffContactRecord, StaffContactRecordExportRow>(qb),
      columns: [
        { header: '記錄ID Id', value: (r) => r.id, width: 38 },
        { header: '工號 Employee no.', value: (r) => r.employee_no, width: 14 },
        { header: '員工 Staff', value: (r) => r.staff_name, width: 12 },
        { header: '聯繫時間 Contacted at', value: (r) => r.contacted_at, width: 22 },
        { header: '渠道 Channel', value: (r) => CHANNEL_NAMES[r.channel] ?? r.channel, width: 14 },
        { header: '聯繫對象 Counterpart', value: (r) => r.counterpart, width: 28 },
        { header: '內容 Summary', value: (r) => r.summary, width: 60 },
        { header: '記錄時間 Recorded at', value: (r) => r.created_at, width: 22 },
      ],
    });
  }

  @Patch(':recordId')
  @RequirePermissions(Permission.ConfigWrite)
  @ApiOperation({ summary: 'Modify a contact record (修改); body carries the version read' })
  @ApiOkResponse({ type: StaffContactRecordDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version' })
  update(
    @Param('id', staffId) id: string,
    @Param('recordId', recordId) record: string,
    @Body() dto: UpdateStaffContactRecordDto,
    @Actor() actor: RequestActor,
  ): Promise<StaffContactRecordDto> {
    return this.records.update(id, record, dto, actor);
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
