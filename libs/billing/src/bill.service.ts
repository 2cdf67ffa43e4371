import { Injectable } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { AccountRepository } from './account.repository';
import { ACCOUNT_ENTITY } from './account.service';
import { ArrearsService } from './arrears.service';
import { BillItemType, BillStatus } from './billing.constants';
import { BillRepository } from './bill.repository';
import { monthStart } from './calendar.util';
import { BillPageDto, BillResponseDto } from './dto/bill-response.dto';
import { CreateBillDto } from './dto/create-bill.dto';
import { BillFilterDto, ListBillsDto } from './dto/list-bills.dto';
import { Bill } from './entities/bill.entity';
import { PaymentRepository } from './payment.repository';

export const BILL_ENTITY = 'bill';

/**
 * 賬單: issue an account's monthly bill with its fee breakdown. Issuing draws on the account's
 * prepaid balance at once (預存款抵扣), in the same transaction; what remains is settled by payments.
 * Bills are immutable documents: corrections are made by the next bill (e.g. a discount item).
 */
@Injectable()
export class BillService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly bills: BillRepository,
    private readonly payments: PaymentRepository,
    private readonly arrears: ArrearsService,
    private readonly audit: AuditService,
  ) {}

  async issue(dto: CreateBillDto, actor: RequestActor): Promise<BillResponseDto> {
    const billingMonth = monthStart(dto.billingMonth);
    if (dto.dueDate < billingMonth) throw DomainException.badRequest('dueDate is before the billing month', [{ field: 'dueDate', problem: `must be on or after ${billingMonth}` }]);
    dto.items.forEach((item, i) => {
      const discount = item.itemType === BillItemType.Discount;
      if (discount ? item.amountFen > 0 : item.amountFen < 0) {
        throw DomainException.badRequest(`items.${i}.amountFen has the wrong sign`, [{ field: `items.${i}.amountFen`, problem: discount ? 'a discount must be ≤ 0' : 'must be ≥ 0 (only discounts are negative)' }]);
      }
    });
    const totalFen = dto.items.reduce((sum, i) => sum + i.amountFen, 0);
    if (totalFen < 0) throw DomainException.badRequest('The discounts exceed the fees', [{ field: 'items', problem: 'the total must not be negative' }]);
    const today = this.arrears.today();

    const id = await this.accounts.transaction(async (manager) => {
      const account = await this.accounts.lock(manager, dto.accountId);
      if (!account) throw DomainException.badRequest('accountId does not refer to an open account', [{ field: 'accountId', problem: 'unknown account' }]);
      const status = totalFen === 0 ? BillStatus.Paid : dto.dueDate < today ? BillStatus.Overdue : BillStatus.Issued;
      const billId = await this.bills.insert(
        manager,
        { accountId: account.id, customerId: account.customerId, billingMonth, dueDate: dto.dueDate, totalFen, status },
        dto.items.map((i) => ({ itemType: i.itemType, service: i.service, amountFen: i.amountFen, description: i.description?.trim() || null })),
      );
      const drawn = Math.min(account.balanceFen, totalFen);
      let finalStatus = status;
      if (drawn > 0) {
        finalStatus = await this.bills.settle(manager, { id: billId, billingMonth, totalFen, paidFen: 0, writtenOffFen: 0, dueDate: dto.dueDate, status }, drawn, today);
        await this.payments.setBalance(manager, account.id, account.balanceFen - drawn);
        await this.audit.record(manager, actor, { action: 'update', entityType: ACCOUNT_ENTITY, entityId: account.id, oldValues: { balanceFen: account.balanceFen }, newValues: { balanceFen: account.balanceFen - drawn, billId } });
      }
      if (finalStatus === BillStatus.Overdue) await this.arrears.reconcileAccount(manager, account.id, today, actor);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: BILL_ENTITY,
        entityId: billId,
        newValues: { accountId: account.id, billingMonth: dto.billingMonth, dueDate: dto.dueDate, totalFen, items: dto.items.length, drawnFromBalanceFen: drawn, status: finalStatus },
      });
      return billId;
    });
    return this.get(id);
  }

  async get(id: string): Promise<BillResponseDto> {
    const bill = await this.bills.findById(id);
    if (!bill) throw DomainException.notFound('Bill', id);
    return toBillDto(bill, true);
  }

  async list(q: ListBillsDto): Promise<BillPageDto> {
    checkMonths(q);
    const [rows, total] = await this.bills.list(q);
    return { items: rows.map((b) => toBillDto(b, false)), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: BillFilterDto) {
    checkMonths(q);
    return this.bills.exportQuery(q);
  }
}

function checkMonths(q: BillFilterDto): void {
  if (q.monthFrom && q.monthTo && q.monthFrom > q.monthTo) throw DomainException.badRequest('monthFrom is after monthTo', [{ field: 'monthFrom', problem: 'must not be after monthTo' }]);
}

export function toBillDto(b: Bill, withItems: boolean): BillResponseDto {
  return {
    id: b.id,
    accountId: b.accountId,
    customerId: b.customerId,
    billingMonth: b.billingMonth.slice(0, 7),
    totalFen: b.totalFen,
    paidFen: b.paidFen,
    writtenOffFen: b.writtenOffFen,
    outstandingFen: b.totalFen - b.paidFen - b.writtenOffFen,
    dueDate: b.dueDate,
    status: b.status,
    issuedAt: b.issuedAt.toISOString(),
    paidAt: b.paidAt?.toISOString() ?? null,
    items: withItems ? (b.items ?? []).map((i) => ({ itemType: i.itemType, service: i.service, amountFen: i.amountFen, description: i.description })) : undefined,
  };
}
