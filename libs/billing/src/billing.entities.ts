import { Account, Arrear, Bill, BillItem, DunningTask, Payment, UsageRecord } from './entities';

export const BillingEntities = [Account, UsageRecord, Bill, BillItem, Payment, Arrear, DunningTask];
