import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceKind } from '../billing.constants';
import { AccountResponseDto } from './account-response.dto';
import { ArrearResponseDto } from './arrear-response.dto';
import { BillResponseDto } from './bill-response.dto';

export class ConsumptionQueryDto {
  @ApiProperty({ required: false, type: 'integer', default: 30, minimum: 1, maximum: 366, description: 'Days of usage summarised, ending now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  usageDays = 30;
}

/** 在網年限: derived from the customer's first subscription (or the customer record when none). */
export class TenureDto {
  @ApiProperty({ example: '2019-04-12', description: 'First day on the network' }) since: string;
  @ApiProperty({ type: 'integer', description: 'Completed years' }) years: number;
  @ApiProperty({ type: 'integer', description: 'Completed months' }) months: number;
}

export class MonthlyBilledDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ type: 'integer' }) totalFen: number;
  @ApiProperty({ type: 'integer' }) paidFen: number;
}

export class UsageByServiceDto {
  @ApiProperty({ enum: ServiceKind }) service: ServiceKind;
  @ApiProperty({ type: 'integer' }) records: number;
  @ApiProperty({ type: 'integer' }) durationSeconds: number;
  @ApiProperty({ type: 'integer' }) volumeKb: number;
  @ApiProperty({ type: 'integer' }) chargeFen: number;
}

export class UsageSummaryDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [UsageByServiceDto] }) byService: UsageByServiceDto[];
}

/** 消費信息 of a customer, all derived at read time (nothing here is stored by hand). */
export class CustomerConsumptionDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: TenureDto }) tenure: TenureDto;
  @ApiProperty({ type: 'integer', description: '累計消費: all payments of the customer (fen)' }) cumulativeSpendFen: number;
  @ApiProperty({ type: 'integer', description: 'All bills of the customer (fen)' }) cumulativeBilledFen: number;
  @ApiProperty({ type: 'integer', description: 'Unpaid on bills (fen)' }) outstandingFen: number;
  @ApiProperty({ type: 'integer', description: 'Prepaid balance over all accounts (fen)' }) balanceFen: number;
  @ApiProperty({ type: 'integer' }) accounts: number;
  @ApiProperty({ type: [MonthlyBilledDto], description: 'The last 6 billing months, current month included, zeros where no bill' }) monthlyBilled: MonthlyBilledDto[];
  @ApiProperty({ type: [BillResponseDto], description: 'Bills of those 6 months' }) recentBills: BillResponseDto[];
  @ApiProperty({ type: UsageSummaryDto }) usage: UsageSummaryDto;
}

export class AccountSummaryDto {
  @ApiProperty({ type: AccountResponseDto }) account: AccountResponseDto;
  @ApiProperty({ type: TenureDto, description: "The account's customer's tenure" }) tenure: TenureDto;
  @ApiProperty({ type: 'integer', description: 'All payments to this account (fen)' }) cumulativeSpendFen: number;
  @ApiProperty({ type: 'integer' }) cumulativeBilledFen: number;
  @ApiProperty({ type: 'integer' }) outstandingFen: number;
  @ApiProperty({ type: 'integer', description: 'Unpaid on overdue bills (fen)' }) overdueFen: number;
  @ApiProperty({ type: [MonthlyBilledDto] }) monthlyBilled: MonthlyBilledDto[];
  @ApiProperty({ type: [BillResponseDto] }) recentBills: BillResponseDto[];
  @ApiProperty({ type: [ArrearResponseDto], description: 'Open and in-dunning arrears' }) liveArrears: ArrearResponseDto[];
}
