import { IntersectionType } from '@nestjs/swagger';
import { ExportFormatDto } from '@crm/data-exchange';
import { AccountFilterDto } from './list-accounts.dto';
import { ArrearFilterDto } from './list-arrears.dto';
import { DunningTaskFilterDto } from './dunning-task.dto';
import { BillFilterDto } from './list-bills.dto';
import { PaymentFilterDto } from './list-payments.dto';
import { UsageFilterDto } from './list-usage.dto';

export class ExportAccountsDto extends IntersectionType(ExportFormatDto, AccountFilterDto) {}
export class ExportBillsDto extends IntersectionType(ExportFormatDto, BillFilterDto) {}
export class ExportPaymentsDto extends IntersectionType(ExportFormatDto, PaymentFilterDto) {}
export class ExportUsageDto extends IntersectionType(ExportFormatDto, UsageFilterDto) {}
export class ExportArrearsDto extends IntersectionType(ExportFormatDto, ArrearFilterDto) {}
export class ExportDunningTasksDto extends IntersectionType(ExportFormatDto, DunningTaskFilterDto) {}
