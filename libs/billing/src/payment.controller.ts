import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { exportRows, num, val } from './billing-export.util';
import { uuidParam } from './billing-param.util';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { ExportPaymentsDto } from './dto/export.dto';
import { ListPaymentsDto } from './dto/list-payments.dto';
import { PaymentPageDto, PaymentResponseDto, RecordedPaymentDto } from './dto/payment-response.dto';
import { PAYMENT_ENTITY, PaymentService } from './payment.service';

@ApiTags('payments')
@Controller('api/v1/payments')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class PaymentController {
  constructor(
    private readonly payments: PaymentService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @RequirePermissions(Permission.BillingWrite)
  @ApiOperation({ summary: 'Record a payment (繳費) to an account; settles unpaid bills (oldest first, or the listed ones); the rest is prepayment' })
  @ApiCreatedResponse({ type: RecordedPaymentDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A listed bill is already paid' })
  record(@Body() dto: CreatePaymentDto, @Actor() actor: RequestActor): Promise<RecordedPaymentDto> {
    return this.payments.record(dto, actor);
  }

  @Get()
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Payment history (繳費歷史), paginated' })
  @ApiOkResponse({ type: PaymentPageDto })
  list(@Query() q: ListPaymentsDto): Promise<PaymentPageDto> {
    return this.payments.list(q);
  }

  @Get('export')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Export payments (CSV, XLSX or printable HTML) with the list filters' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Query() q: ExportPaymentsDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    await exportRows(res, this.audit, actor, {
      entityType: PAYMENT_ENTITY,
      format: q.format,
      title: '繳費清單 Payments',
      filename: 'payments',
      filters: q,
      query: this.payments.exportQuery(q),
      columns: [
        { header: '繳費時間 Paid at', value: val('paid_at'), width: 24 },
        { header: '賬號 Account number', value: val('account_number'), width: 22 },
        { header: '客戶 Customer id', value: val('customer_id'), width: 38 },
        { header: '金額 Amount (fen)', value: num('amount_fen') },
        { header: '方式 Method', value: val('method'), width: 16 },
        { header: '地點 Place', value: val('place'), width: 16 },
        { header: '流水號 Reference', value: val('reference'), width: 30 },
        { header: '經辦 Recorded by', value: val('recorded_by'), width: 12 },
        { header: '繳費 Payment id', value: val('id'), width: 38 },
      ],
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRead)
  @ApiOperation({ summary: 'Read one payment' })
  @ApiOkResponse({ type: PaymentResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', uuidParam()) id: string): Promise<PaymentResponseDto> {
    return this.payments.get(id);
  }
}
