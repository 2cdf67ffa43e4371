import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { BILL_ENTITY, BillService } from './bill.service';
import { exportRows, num, val } from './billing-export.util';
import { uuidParam } from './billing-param.util';
import { BillPageDto, BillResponseDto } from './dto/bill-response.dto';
import { CreateBillDto } from './dto/create-bill.dto';
import { ExportBillsDto } from './dto/export.dto';
import { ListBillsDto } from './dto/list-bills.dto';

@ApiTags('bills')
@Controller('api/v1/bills')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class BillController {
  constructor(
    private readonly bills: BillService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: "Issue an account's monthly bill with its fee breakdown (出賬); the prepaid balance is drawn at once" })
  @ApiCreatedResponse({ type: BillResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The account already has a bill for that month' })
  issue(@Body() dto: CreateBillDto, @Actor() actor: RequestActor): Promise<BillResponseDto> {
    return this.bills.issue(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Query bills by criteria, paginated (賬單查詢)' })
  @ApiOkResponse({ type: BillPageDto })
  list(@Query() q: ListBillsDto): Promise<BillPageDto> {
    return this.bills.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export bills (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportBillsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: BILL_ENTITY,
      format: q.format,
      title: '賬單清單 Bills',
      filename: 'bills',
      filters: q,
      query: this.bills.exportQuery(q),
      columns: [
        { header: '賬期 Month', value: val('billing_month'), width: 10 },
        { header: '賬號 Account number', value: val('account_number'), width: 22 },
        { header: '客戶 Customer id', value: val('customer_id'), width: 38 },
        { header: '應收 Total (fen)', value: num('total_fen') },
        { header: '已收 Paid (fen)', value: num('paid_fen') },
        { header: '核銷 Written off (fen)', value: num('written_off_fen') },
        { header: '未收 Outstanding (fen)', value: num('outstanding_fen') },
        { header: '繳費期限 Due', value: val('due_date'), width: 12 },
        { header: '狀態 Status', value: val('status'), width: 14 },
        { header: '出賬時間 Issued', value: val('issued_at'), width: 24 },
        { header: '賬單 Bill id', value: val('id'), width: 38 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Read one bill with its fee breakdown' })
  @ApiOkResponse({ type: BillResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string): Promise<BillResponseDto> {
    return this.bills.get(id);
  }
}
