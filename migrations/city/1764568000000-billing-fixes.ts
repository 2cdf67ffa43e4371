import { MigrationInterface, QueryRunner } from 'typeorm';

/** Splits `total` over `weights` in proportion, integers adding up to `total` (largest remainder; as the billing code does). */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * total) / sum);
  const shares = exact.map(Math.floor);
  let rest = total - shares.reduce((a, s) => a + s, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    shares[i] += 1;
    rest -= 1;
  }
  return shares;
}

interface LegacyPart {
  billId: string;
  billingMonth: string;
  service: string;
  amountFen: number;
}

/**
 * Attributes the write-offs made before this migration to bills. The old rule forgave the
 * written-off amount per (account, service), oldest overdue bill first; the same walk over the
 * account's overdue bills now records which bill parts that forgave, so every account owes
 * exactly what its arrears showed before.
 */
async function attributeLegacyWriteOffs(q: QueryRunner): Promise<void> {
  const arrears: { id: string; account_id: string; service: string; amount_fen: string }[] = await q.query(
    `SELECT id, account_id, service, amount_fen FROM arrear WHERE status = 'written_off' AND amount_fen > 0 ORDER BY account_id, service, updated_at, id`,
  );
  const accounts = [...new Set(arrears.map((a) => a.account_id))];
  for (const accountId of accounts) {
    const rows: { id: string; billing_month: string; outstanding: string; service: string; net: string }[] = await q.query(
      `SELECT b.id, b.billing_month::text AS billing_month, b.total_fen - b.paid_fen AS outstanding, i.service, sum(i.amount_fen) AS net
       FROM bill b JOIN bill_item i ON i.bill_id = b.id AND i.billing_month = b.billing_month
       WHERE b.account_id = $1 AND b.status = 'overdue'
       GROUP BY b.id, b.billing_month, b.total_fen, b.paid_fen, i.service
       ORDER BY b.billing_month, b.id, i.service`,
      [accountId],
    );
    const parts: LegacyPart[] = [];
    for (let i = 0; i < rows.length; ) {
      const bill = rows.filter((r) => r.id === rows[i].id);
      const weights = bill.map((r) => Number(r.net));
      const outstanding = Number(bill[0].outstanding);
      const shares = weights.some((w) => w > 0) ? allocate(outstanding, weights) : bill.map((_r, k) => (k === 0 ? outstanding : 0));
      bill.forEach((r, k) => shares[k] > 0 && parts.push({ billId: r.id, billingMonth: r.billing_month, service: r.service, amountFen: shares[k] }));
      i += bill.length;
    }
    const forgiven = new Map<string, { arrearId: string; part: LegacyPart; amountFen: number }>();
    for (const arrear of arrears.filter((a) => a.account_id === accountId)) {
      let left = Number(arrear.amount_fen);
      for (const part of parts.filter((p) => p.service === arrear.service)) {
        if (left <= 0) break;
        const key = `${part.billId}/${part.service}`;
        const taken = forgiven.get(key)?.amountFen ?? 0;
        const take = Math.min(left, part.amountFen - taken);
        if (take <= 0) continue;
        forgiven.set(key, { arrearId: forgiven.get(key)?.arrearId ?? arrear.id, part, amountFen: taken + take });
        left -= take;
      }
    }
    for (const f of forgiven.values()) {
      await q.query(`INSERT INTO bill_write_off (arrear_id, bill_id, billing_month, service, amount_fen) VALUES ($1, $2, $3, $4, $5)`, [
        f.arrearId,
        f.part.billId,
        f.part.billingMonth,
        f.part.service,
        f.amountFen,
      ]);
    }
  }
  await q.query(
    `UPDATE bill b SET written_off_fen = w.amount,
            status = CASE WHEN b.paid_fen + w.amount >= b.total_fen THEN 'written_off' ELSE b.status END, updated_at = now()
     FROM (SELECT bill_id, billing_month, sum(amount_fen) AS amount FROM bill_write_off GROUP BY bill_id, billing_month) w
     WHERE b.id = w.bill_id AND b.billing_month = w.billing_month`,
  );
}

/**
 * Billing review fixes (see docs/billing.md):
 * - write-offs are tied to the bills they cover: `bill.written_off_fen`, the `bill_write_off`
 *   rows (bill, service, amount, arrear) and the bill status `written_off`, so a forgiven debt is
 *   neither settled by later payments nor offset against later debts. Write-offs made before are
 *   attributed to bills as the old rule forgave them (oldest overdue bill first).
 * - payment idempotency: `payment_reference`, one row per (method, reference), written with the
 *   payment. `payment` is partitioned by `paid_at`, so a unique index there would have to include
 *   `paid_at` and would not catch a retry with another `paidAt`. Existing duplicates stay; the
 *   earliest payment of each (method, reference) is recorded.
 * Partitions are not touched here: those of the billing migration keep their UTC bounds, the
 * partition job cuts later months at the city's midnight.
 */
export class BillingFixes1764568000000 implements MigrationInterface {
  name = 'BillingFixes1764568000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bill ADD COLUMN written_off_fen bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE bill DROP CONSTRAINT bill_status_check, DROP CONSTRAINT bill_amounts_check`);
    await q.query(
      `ALTER TABLE bill
         ADD CONSTRAINT bill_status_check CHECK (status IN ('issued', 'partially_paid', 'paid', 'overdue', 'written_off')),
         ADD CONSTRAINT bill_amounts_check CHECK (total_fen >= 0 AND paid_fen >= 0 AND written_off_fen >= 0 AND paid_fen + written_off_fen <= total_fen)`,
    );
    await q.query(`CREATE TABLE bill_write_off (
      id bigserial PRIMARY KEY,
      arrear_id uuid NOT NULL CONSTRAINT fk_bill_write_off_arrear REFERENCES arrear (id),
      bill_id uuid NOT NULL,
      billing_month date NOT NULL,
      service varchar(16) NOT NULL,
      amount_fen bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT fk_bill_write_off_bill FOREIGN KEY (bill_id, billing_month) REFERENCES bill (id, billing_month) ON DELETE CASCADE,
      CONSTRAINT ux_bill_write_off_bill_service UNIQUE (bill_id, billing_month, service),
      CONSTRAINT bill_write_off_service_check CHECK (service IN ('voice', 'sms', 'data', 'iptv', 'broadband')),
      CONSTRAINT bill_write_off_amount_fen_check CHECK (amount_fen > 0)
    )`);
    await q.query(`CREATE INDEX ix_bill_write_off_arrear ON bill_write_off (arrear_id)`);
    await attributeLegacyWriteOffs(q);

    await q.query(`CREATE TABLE payment_reference (
      method varchar(20) NOT NULL,
      reference varchar(64) NOT NULL,
      payment_id uuid NOT NULL,
      paid_at timestamptz NOT NULL,
      account_id uuid NOT NULL CONSTRAINT fk_payment_reference_account REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (method, reference),
      CONSTRAINT payment_reference_method_check CHECK (method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card'))
    )`);
    await q.query(
      `INSERT INTO payment_reference (method, reference, payment_id, paid_at, account_id, created_at)
       SELECT DISTINCT ON (method, reference) method, reference, id, paid_at, account_id, created_at
       FROM payment WHERE reference IS NOT NULL ORDER BY method, reference, paid_at, id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_reference`);
    await q.query(`DROP TABLE bill_write_off`);
    // the old schema knows no written-off bills: they are overdue again (the old rule forgives
    // the written-off arrears' amounts per service instead)
    await q.query(`UPDATE bill SET status = 'overdue', updated_at = now() WHERE status = 'written_off'`);
    await q.query(`ALTER TABLE bill DROP CONSTRAINT bill_status_check, DROP CONSTRAINT bill_amounts_check`);
    await q.query(
      `ALTER TABLE bill
         ADD CONSTRAINT bill_status_check CHECK (status IN ('issued', 'partially_paid', 'paid', 'overdue')),
         ADD CONSTRAINT bill_amounts_check CHECK (total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen)`,
    );
    await q.query(`ALTER TABLE bill DROP COLUMN written_off_fen`);
  }
}
