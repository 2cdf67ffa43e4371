import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { AccountRepository } from './account.repository';
import { ACCOUNT_ENTITY } from './account.service';
import { ArrearsService } from './arrears.service';
import { BILL_ENTITY } from './bill.service';
import { BillStatus } from './billing.constants';
import { instantOf } from './calendar.util';
import { BillRepository, UnpaidBill } from './bill.repository';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { PaymentFilterDto, ListPaymentsDto } from './dto/list-payments.dto';
import { PaymentPageDto, PaymentResponseDto, RecordedPaymentDto, SettlementDto } from './dto/payment-response.dto';
import { Payment } from './entities/payment.entity';
import { PaymentRepository } from './payment.repository';

export const PAYMENT_ENTITY = 'payment';

/** A payment may be dated a little ahead of the server clock (clock skew of tills), never more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * 繳費: records money received for an account and settles bills from it, in one transaction under
 * the account's lock: the payment adds to the balance, each settled bill takes its part from the
 * balance, and the account's arrears are reconciled. So `balance = Σ payments − Σ bill.paid` holds
 * after every commit.
 */
@Injectable()
export class PaymentService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly bills: BillRepository,
    private readonly payments: PaymentRepository,
    private readonly arrears: ArrearsService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async record(dto: CreatePaymentDto, actor: RequestActor): Promise<RecordedPaymentDto> {
    const paidAt = dto.paidAt ? instantOf(dto.paidAt, this.config.timezone) : new Date();
    if (paidAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw DomainException.badRequest('paidAt is in the future', [{ field: 'paidAt', problem: 'must not be in the future' }]);
    if (dto.billIds && dto.settleOutstanding === false) {
      throw DomainException.badRequest('billIds and settleOutstanding=false contradict each other', [{ field: 'settleOutstanding', problem: 'must not be false when billIds are given' }]);
    }
    const today = this.arrears.today();
    return this.accounts.transaction(async (manager) => {
      const account = await this.accounts.lock(manager, dto.accountId);
      if (!account) throw DomainException.badRequest('accountId does not refer to an open account', [{ field: 'accountId', problem: 'unknown account' }]);
      const input = {
        id: randomUUID(),
        accountId: account.id,
        customerId: account.customerId,
        amountFen: dto.amountFen,
        method: dto.method,
        place: dto.place,
        paidAt,
        reference: dto.reference ?? null,
        recordedBy: actor.username,
      };
      if (input.reference !== null) {
        const holder = await this.payments.claimReference(manager, { ...input, reference: input.reference });
        if (holder) {
          throw DomainException.conflict(`The ${dto.method} reference ${input.reference} was recorded already (payment ${holder}); a payment is recorded once`, [
            { field: 'reference', problem: `already recorded as payment ${holder}` },
          ]);
        }
      }
      const payment = await this.payments.insert(manager, input);
      let balance = account.balanceFen + dto.amountFen;
      const targets = await this.targets(manager, account.id, dto);
      const settlements: SettlementDto[] = [];
      for (const bill of targets) {
        const amount = Math.min(balance, bill.totalFen - bill.paidFen - bill.writtenOffFen);
        if (amount <= 0) continue;
        const status = await this.bills.settle(manager, bill, amount, today);
        balance -= amount;
        settlements.push({ billId: bill.id, billingMonth: bill.billingMonth.slice(0, 7), amountFen: amount, status });
        await this.audit.record(manager, actor, {
          action: 'update',
          entityType: BILL_ENTITY,
          entityId: bill.id,
          oldValues: { paidFen: bill.paidFen, status: bill.status },
          newValues: { paidFen: bill.paidFen + amount, status, paymentId: payment.id },
        });
      }
      await this.payments.setBalance(manager, account.id, balance);
      await this.audit.record(manager, actor, { action: 'update', entityType: ACCOUNT_ENTITY, entityId: account.id, oldValues: { balanceFen: account.balanceFen }, newValues: { balanceFen: balance, paymentId: payment.id } });
      if (settlements.length) await this.arrears.reconcileAccount(manager, account.id, today, actor);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: PAYMENT_ENTITY,
        entityId: payment.id,
        newValues: {
          accountId: account.id,
          amountFen: dto.amountFen,
          method: dto.method,
          place: dto.place,
          paidAt: paidAt.toISOString(),
          reference: payment.reference,
          settlements: settlements.map((s) => ({ billId: s.billId, amountFen: s.amountFen })),
          balanceFen: balance,
        },
      });
      return { ...toPaymentDto(payment), settlements, balanceFen: balance };
    });
  }

  async get(id: string): Promise<PaymentResponseDto> {
    const payment = await this.payments.findById(id);
    if (!payment) throw DomainException.notFound('Payment', id);
    return toPaymentDto(payment);
  }

  async list(q: ListPaymentsDto): Promise<PaymentPageDto> {
    checkRange(q, this.config.timezone);
    const [rows, total] = await this.payments.list(q, this.config.timezone);
    return { items: rows.map(toPaymentDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: PaymentFilterDto) {
    checkRange(q, this.config.timezone);
    return this.payments.exportQuery(q, this.config.timezone);
  }

  /** The bills to settle: the listed ones (all must be this account's and unpaid), else all unpaid oldest first. */
  private async targets(manager: EntityManager, accountId: string, dto: CreatePaymentDto): Promise<UnpaidBill[]> {
    if (dto.billIds?.length) {
      const found = await this.bills.byIds(manager, accountId, dto.billIds);
      const missing = dto.billIds.filter((id) => !found.some((b) => b.id === id));
      if (missing.length) throw DomainException.badRequest(`billIds contains bills that are not this account's: ${missing.join(', ')}`, [{ field: 'billIds', problem: 'unknown bill of this account' }]);
      const paid = found.filter((b) => b.status === BillStatus.Paid);
      if (paid.length) throw DomainException.conflict(`Bill(s) already paid: ${paid.map((b) => b.id).join(', ')}`, [{ field: 'billIds', problem: 'already paid' }]);
      const forgiven = found.filter((b) => b.status === BillStatus.WrittenOff);
      if (forgiven.length) throw DomainException.conflict(`Bill(s) written off, nothing left to pay: ${forgiven.map((b) => b.id).join(', ')}`, [{ field: 'billIds', problem: 'written off' }]);
      return dto.billIds.map((id) => found.find((b) => b.id === id)!);
    }
    return dto.settleOutstanding === false ? [] : this.bills.unpaid(manager, accountId);
  }
}

function checkRange(q: PaymentFilterDto, tz: string): void {
  if (q.from && q.to && instantOf(q.from, tz) >= instantOf(q.to, tz)) throw DomainException.badRequest('from is not before to', [{ field: 'from', problem: 'must be before to' }]);
}

export function toPaymentDto(p: Payment): PaymentResponseDto {
  return {
    id: p.id,
    accountId: p.accountId,
    customerId: p.customerId,
    amountFen: p.amountFen,
    method: p.method,
    place: p.place,
    reference: p.reference,
    paidAt: p.paidAt.toISOString(),
    recordedBy: p.recordedBy,
  };
}
