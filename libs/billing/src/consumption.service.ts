import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ArrearsService } from './arrears.service';
import { toBillDto } from './bill.service';
import { addMonths, dayIn, monthStart } from './calendar.util';
import { ConsumptionRepository } from './consumption.repository';
import { AccountSummaryDto, CustomerConsumptionDto, MonthlyBilledDto, TenureDto } from './dto/consumption.dto';
import { Bill } from './entities/bill.entity';

/** How many billing months the summaries show, the current one included. */
const RECENT_MONTHS = 6;

/**
 * 消費信息: tenure (在網年限), cumulative spend (累計消費: the sum of payments), billed and
 * outstanding totals, recent bills and usage by service. Everything is computed from the records
 * when asked; nothing is stored by hand.
 */
@Injectable()
export class ConsumptionService {
  constructor(
    private readonly consumption: ConsumptionRepository,
    private readonly accountRepository: AccountRepository,
    private readonly accounts: AccountService,
    private readonly arrears: ArrearsService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async customer(customerId: string, usageDays: number): Promise<CustomerConsumptionDto> {
    const since = await this.consumption.firstOnNetwork(customerId);
    if (!since) throw DomainException.notFound('Customer', customerId);
    const today = dayIn(this.config.timezone);
    const fromMonth = addMonths(monthStart(today), -(RECENT_MONTHS - 1));
    const to = new Date();
    const from = new Date(to.getTime() - usageDays * 86_400_000);
    const [totals, accounts, bills, usage] = await Promise.all([
      this.consumption.totals({ customerId }),
      this.consumption.accountsOf(customerId),
      this.consumption.recentBills({ customerId }, fromMonth),
      this.consumption.usageByService(customerId, from, to),
    ]);
    return {
      customerId,
      tenure: this.tenure(since, today),
      cumulativeSpendFen: totals.spendFen,
      cumulativeBilledFen: totals.billedFen,
      outstandingFen: totals.outstandingFen,
      balanceFen: accounts.balanceFen,
      accounts: accounts.accounts,
      monthlyBilled: monthly(bills, fromMonth),
      recentBills: bills.map((b) => toBillDto(b, false)),
      usage: { from: from.toISOString(), to: to.toISOString(), byService: usage },
    };
  }

  async account(accountId: string): Promise<AccountSummaryDto> {
    const account = await this.accountRepository.findById(accountId);
    if (!account) throw DomainException.notFound('Account', accountId);
    const today = dayIn(this.config.timezone);
    const fromMonth = addMonths(monthStart(today), -(RECENT_MONTHS - 1));
    const [since, totals, bills, live] = await Promise.all([
      this.consumption.firstOnNetwork(account.customerId),
      this.consumption.totals({ accountId }),
      this.consumption.recentBills({ accountId }, fromMonth),
      this.consumption.liveArrears(accountId),
    ]);
    const numbers = new Map([[account.id, account.accountNumber]]);
    return {
      account: this.accounts.toDto(account, false),
      tenure: this.tenure(since ?? account.createdAt, today),
      cumulativeSpendFen: totals.spendFen,
      cumulativeBilledFen: totals.billedFen,
      outstandingFen: totals.outstandingFen,
      overdueFen: totals.overdueFen,
      monthlyBilled: monthly(bills, fromMonth),
      recentBills: bills.map((b) => toBillDto(b, false)),
      liveArrears: live.map((a) => this.arrears.toDto(a, numbers)),
    };
  }

  private tenure(since: Date, today: string): TenureDto {
    const first = dayIn(this.config.timezone, since);
    const [y1, m1, d1] = first.split('-').map(Number);
    const [y2, m2, d2] = today.split('-').map(Number);
    const months = Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
    return { since: first, years: Math.floor(months / 12), months };
  }
}

/** Billed and paid per month for the recent months, oldest first, zeros where there was no bill. */
function monthly(bills: Bill[], fromMonth: string): MonthlyBilledDto[] {
  return Array.from({ length: RECENT_MONTHS }, (_v, i) => {
    const month = addMonths(fromMonth, i);
    const of = bills.filter((b) => b.billingMonth === month);
    return { month: month.slice(0, 7), totalFen: of.reduce((s, b) => s + b.totalFen, 0), paidFen: of.reduce((s, b) => s + b.paidFen, 0) };
  });
}
