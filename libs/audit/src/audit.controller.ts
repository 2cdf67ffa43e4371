import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermissions } from '@crm/auth';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit-query.dto';

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
}
