import { EntityManager } from 'typeorm';

export interface DemoBillingCounts {
  accountsInserted: number;
  paymentsInserted: number;
}

/**
 * Demo consumption (消費信息) for the demo customers: one account each, a bill for each of the
 * last six months priced from the customer's active subscriptions (monthly fee + data split), and
 * its payment (a bill not yet due stays issued); about one account in ten leaves the latest due bill unpaid, so arrears and dunning
 * have something to find. Balances stay consistent (payments settle bills exactly). Idempotent.
 */
export async function seedDemoBilling(manager: EntityManager, cityCode: string, now = new Date()): Promise<DemoBillingCounts> {
  const demo = `DEMO-${cityCode}-%`;
  const accounts: unknown[] = await manager.query(
    `INSERT INTO account (account_number, serial, customer_id, name, payment_method, credit_limit_fen, created_at)
     SELECT 'ACC-' || substring(c.external_id FROM 6), 1, c.id, c.name,
            (ARRAY['bank_withholding', 'wechat_pay', 'alipay', 'cash', 'bank_transfer'])[1 + abs(hashtext(c.external_id)) % 5],
            CASE WHEN c.customer_type IN ('key_individual', 'key_enterprise') THEN 500000 ELSE 20000 END, c.created_at
     FROM customer c
     WHERE c.external_id LIKE $1 AND c.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM account a WHERE a.customer_id = c.id)
     RETURNING id`,
    [demo],
  );
  const payments: unknown[] = await manager.query(
    `WITH months AS (
       SELECT (date_trunc('month', ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')) - make_interval(months => g))::date AS month
       FROM generate_series(1, 6) g
     ), charges AS (
       SELECT a.id AS account_id, a.customer_id, a.payment_method, m.month, abs(hashtext(a.account_number || m.month::text)) AS k,
              sum(p.monthly_fee_fen)::bigint AS total
       FROM account a
       JOIN customer c ON c.id = a.customer_id AND c.external_id LIKE $1
       CROSS JOIN months m
       JOIN subscription s ON s.customer_id = a.customer_id AND s.started_at < m.month AND (s.ended_at IS NULL OR s.ended_at >= m.month + interval '1 month')
       JOIN product p ON p.code = s.product_code
       GROUP BY a.id, a.customer_id, a.payment_method, m.month
     ), new_bills AS (
       INSERT INTO bill (billing_month, account_id, customer_id, total_fen, paid_fen, due_date, status, issued_at, paid_at)
       SELECT ch.month, ch.account_id, ch.customer_id, ch.total,
              CASE WHEN ch.state = 'paid' THEN ch.total ELSE 0 END,
              (ch.month + interval '1 month 14 days')::date,
              ch.state,
              ch.month + interval '1 month 2 days',
              CASE WHEN ch.state = 'paid' THEN ch.month + interval '1 month 9 days' + make_interval(hours => (ch.k % 10)::int) END
       FROM (
         SELECT *, CASE
           -- not due yet: issued and open
           WHEN (month + interval '1 month 14 days') >= $2::timestamptz THEN 'issued'
           -- the latest month already due is left unpaid by about one account in ten
           WHEN k % 10 = 0 AND (month + interval '2 months 14 days') >= $2::timestamptz THEN 'overdue'
           ELSE 'paid' END AS state
         FROM charges) ch
       ON CONFLICT (account_id, billing_month) DO NOTHING
       RETURNING id, billing_month, account_id, customer_id, total_fen, paid_at
     ), items AS (
       INSERT INTO bill_item (bill_id, billing_month, item_type, service, amount_fen, description)
       SELECT b.id, b.billing_month, 'monthly_fee', 'voice', b.total_fen - b.total_fen * 3 / 10, '套餐月租' FROM new_bills b
       UNION ALL
       SELECT b.id, b.billing_month, 'data', 'data', b.total_fen * 3 / 10, '流量' FROM new_bills b
     )
     INSERT INTO payment (paid_at, account_id, customer_id, amount_fen, method, place, recorded_by)
     SELECT b.paid_at, b.account_id, b.customer_id, b.total_fen, a.payment_method,
            CASE WHEN a.payment_method IN ('cash', 'bank_transfer') THEN 'business_hall' ELSE 'online' END, 'seed'
     FROM new_bills b JOIN account a ON a.id = b.account_id
     WHERE b.paid_at IS NOT NULL AND b.total_fen > 0
     RETURNING 1`,
    [demo, now.toISOString()],
  );
  return { accountsInserted: accounts.length, paymentsInserted: payments.length };
}
