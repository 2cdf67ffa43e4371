import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatDto, streamExport, streamRawRows } from '@crm/export';
import { Permission, RequirePermissions } from '@crm/auth';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit-query.dto';

class ExportAuditDto extends IntersectionType(OmitType(AuditQueryDto, ['page', 'pageSize'] as const), ExportFormatDto) {}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: unknown;
  new_values: unknown;
  request_id: string | null;
}

@ApiTags('audit')
@Controller('api/v1/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions(Permission.AuditRead)
  @ApiOperation({ summary: 'Query the audit log: creates, changes, deletes and unmasked reads, with old and new values' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const [rows, total] = await this.audit.query(q);
    return { items: rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), oldValues: r.oldValues as Record<string, unknown> | null, newValues: r.newValues as Record<string, unknown> | null })), total, page: q.page, pageSize: q.pageSize };
  }

  @Get('export')
  @RequirePermissions(Permission.AuditRead)
  @ApiOperation({ summary: 'Export the audit log query as CSV or XLSX, or print it (streamed)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportAuditDto, @Res() res: Response): Promise<void> {
    const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
    await streamExport<AuditRow>(res, {
      format: q.format,
      title: '審計日誌 Audit log',
      filename: 'audit-log',
      columns: [
        { header: '時間 Time', value: (r) => new Date(r.occurred_at).toISOString(), width: 26 },
        { header: '用戶 User', value: (r) => r.actor_username },
        { header: '角色 Role', value: (r) => r.actor_role },
        { header: '操作 Action', value: (r) => r.action },
        { header: '對象 Entity', value: (r) => r.entity_type },
        { header: '對象編號 Entity ID', value: (r) => r.entity_id, width: 38 },
        { header: '原值 Old values', value: (r) => json(r.old_values), width: 50 },
        { header: '新值 New values', value: (r) => json(r.new_values), width: 50 },
        { header: '請求 Request', value: (r) => r.request_id, width: 38 },
      ],
      rows: streamRawRows<never, AuditRow>(this.audit.exportQuery(q) as never),
    });
  }
}
