import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { exportRows, num, val } from './billing-export.util';
import { ExportUsageDto } from './dto/export.dto';
import { ListUsageDto } from './dto/list-usage.dto';
import { UsagePageDto } from './dto/usage-response.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Controller('api/v1/usage-records')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class UsageController {
  constructor(
    private readonly usage: UsageService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Usage records (使用記錄) in a time window of at most 366 days, newest first' })
  @ApiOkResponse({ type: UsagePageDto })
  list(@Query() q: ListUsageDto): Promise<UsagePageDto> {
    return this.usage.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export usage records (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportUsageDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: 'usage_record',
      format: q.format,
      title: '使用記錄 Usage',
      filename: 'usage',
      filters: q,
      query: this.usage.exportQuery(q),
      columns: [
        { header: '開始時間 Started at', value: val('started_at'), width: 24 },
        { header: '記錄號 External id', value: val('external_id'), width: 24 },
        { header: '訂購 Subscription id', value: val('subscription_id'), width: 38 },
        { header: '客戶 Customer id', value: val('customer_id'), width: 38 },
        { header: '業務 Service', value: val('service'), width: 10 },
        { header: '通話類型 Call type', value: val('call_type'), width: 14 },
        { header: '方向 Direction', value: val('direction'), width: 10 },
        { header: '時長 Duration (s)', value: num('duration_seconds') },
        { header: '流量 Volume (KB)', value: num('volume_kb') },
        { header: '費用 Charge (fen)', value: num('charge_fen') },
      ],
    });
  }
}
