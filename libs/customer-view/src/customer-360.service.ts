import { Injectable } from '@nestjs/common';
import { Permission, RequestActor } from '@crm/auth';
import { AccountService, ArrearsService, ConsumptionService, PaymentService } from '@crm/billing';
import { CustomerContactService, CustomerService } from '@crm/customer';
import { SubscriptionService } from '@crm/product';
import { PromotionService } from '@crm/promotion';
import { ScoringService } from '@crm/scoring';
import { Customer360Dto } from './customer-360.dto';

const ORGANISATIONS = new Set(['public_unit', 'key_enterprise']);

/**
 * Composes the customer 360° view from each domain's own read services, so every section keeps
 * its domain's masking and audit rules; sections the role may not read are left out, not refused.
 */
@Injectable()
export class Customer360Service {
  constructor(
    private readonly customers: CustomerService,
    private readonly contacts: CustomerContactService,
    private readonly subscriptions: SubscriptionService,
    private readonly accounts: AccountService,
    private readonly consumption: ConsumptionService,
    private readonly payments: PaymentService,
    private readonly arrears: ArrearsService,
    private readonly promotions: PromotionService,
    private readonly scoring: ScoringService,
  ) {}

  async view(customerId: string, actor: RequestActor): Promise<Customer360Dto> {
    const profile = await this.customers.get(customerId, actor);
    const billing = actor.permissions.has(Permission.BillingRead);
    const promotion = actor.permissions.has(Permission.PromotionRead);
    const score = actor.permissions.has(Permission.ScoreRead);
    const page = { page: 1, pageSize: 100 };
    const [contacts, subscriptions, accounts, consumption, payments, arrears, promotions, scores] = await Promise.all([
      ORGANISATIONS.has(profile.customerType) ? this.contacts.list(customerId, actor) : Promise.resolve([]),
      this.subscriptions.list({ ...page, customerId, sort: '-startedAt' }, actor).then((p) => p.items),
      billing ? this.accounts.list({ ...page, customerId, sort: '-createdAt' }).then((p) => p.items) : null,
      billing ? this.consumption.customer(customerId, 30) : null,
      billing ? this.payments.list({ page: 1, pageSize: 20, customerId, sort: '-paidAt' }).then((p) => p.items) : null,
      billing ? this.arrears.list({ ...page, customerId, sort: '-amountFen' }).then((p) => p.items.filter((a) => a.status !== 'recovered' && a.status !== 'written_off')) : null,
      promotion ? this.promotions.forCustomer(customerId) : null,
      score ? this.scoring.customerScores(customerId, {}).then((s) => s.items.filter((x, i, all) => all.findIndex((y) => y.kind === x.kind) === i)) : null,
    ]);
    const omitted = [...(billing ? [] : ['accounts', 'consumption', 'payments', 'arrears']), ...(promotion ? [] : ['promotions']), ...(score ? [] : ['scores'])];
    return { profile, contacts, subscriptions, accounts, consumption, payments, arrears, promotions, scores, omitted };
  }
}
