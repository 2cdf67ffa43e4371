import { Account, Arrear, Bill, BillItem, BillWriteOff, DunningTask, Payment, PaymentReference, UsageRecord } from './entities';

export const BillingEntities = [Account, UsageRecord, Bill, BillItem, Payment, PaymentReference, Arrear, BillWriteOff, DunningTask];
