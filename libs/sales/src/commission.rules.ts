import { CommissionConfig, CommissionRule } from './sales.config';

/** A line of a completed order of the agent (new / change lines earn commission; terminate lines earn none). */
export interface CommissionInputLine {
  orderId: string;
  orderLineId: string;
  action: string;
  productCode: string | null;
  pricePlanCode: string | null;
  amountFen: number;
}

/** A line of an earlier completed order whose subscription was terminated within the clawback window, in this period. */
export type ClawbackInputLine = CommissionInputLine;

export interface CommissionResultLine {
  orderId: string;
  orderLineId: string;
  kind: 'commission' | 'clawback';
  productCode: string | null;
  pricePlanCode: string | null;
  amountFen: number;
  commissionFen: number;
  rule: string;
}

export interface CommissionResult {
  orders: number;
  revenueFen: number;
  commissionFen: number;
  bonusFen: number;
  clawbackFen: number;
  totalFen: number;
  lines: CommissionResultLine[];
}

/** Basis points of an amount, rounded half away from zero to whole fen. */
export const bp = (amountFen: number, basisPoints: number): number => Math.sign(amountFen) * Math.round((Math.abs(amountFen) * basisPoints) / 10_000);

/** The rule for a line: a price-plan rule, else a product rule, else the default rate. */
export function ruleFor(line: Pick<CommissionInputLine, 'productCode' | 'pricePlanCode'>, config: CommissionConfig): { rule: string; spec: CommissionRule } {
  const plan = line.pricePlanCode ? config.rules.find((r) => r.pricePlanCode === line.pricePlanCode) : undefined;
  if (plan) return { rule: `plan:${plan.pricePlanCode}`, spec: plan };
  const product = line.productCode ? config.rules.find((r) => r.productCode === line.productCode) : undefined;
  if (product) return { rule: `product:${product.productCode}`, spec: product };
  return { rule: 'default', spec: { rateBp: config.defaultRateBp } };
}

/** Commission of one line: the rule's fixed amount, else its rate of the line amount. */
export function lineCommission(line: CommissionInputLine, config: CommissionConfig): { rule: string; commissionFen: number } {
  const { rule, spec } = ruleFor(line, config);
  const commissionFen = spec.fixedFen !== undefined ? spec.fixedFen : bp(line.amountFen, spec.rateBp ?? 0);
  return { rule, commissionFen };
}

/** The bonus rate of a month with `orders` completed orders: the highest tier reached, else 0. */
export function bonusRateBp(orders: number, tiers: CommissionConfig['tiers']): number {
  let best: { minOrders: number; bonusBp: number } | undefined;
  for (const t of tiers) if (orders >= t.minOrders && (!best || t.minOrders > best.minOrders)) best = t;
  return best?.bonusBp ?? 0;
}

/**
 * 佣金/獎金 of an agent for a month (pure): commission per new / change line of the month's
 * completed orders by rule; a volume bonus on the month's revenue by tier of the month's order
 * count; minus the commission of lines clawed back this month (their subscription was terminated
 * within the clawback window). Revenue = Σ order amounts of the month's completed orders.
 */
export function computeCommission(orders: { orderId: string; amountFen: number }[], lines: CommissionInputLine[], clawbacks: ClawbackInputLine[], config: CommissionConfig): CommissionResult {
  const out: CommissionResultLine[] = [];
  let commissionFen = 0;
  for (const l of lines) {
    if (l.action === 'terminate') continue;
    const { rule, commissionFen: c } = lineCommission(l, config);
    commissionFen += c;
    out.push({ orderId: l.orderId, orderLineId: l.orderLineId, kind: 'commission', productCode: l.productCode, pricePlanCode: l.pricePlanCode, amountFen: l.amountFen, commissionFen: c, rule });
  }
  let clawbackFen = 0;
  if (config.clawbackDays > 0) {
    for (const l of clawbacks) {
      const { rule, commissionFen: c } = lineCommission(l, config);
      clawbackFen += c;
      out.push({ orderId: l.orderId, orderLineId: l.orderLineId, kind: 'clawback', productCode: l.productCode, pricePlanCode: l.pricePlanCode, amountFen: l.amountFen, commissionFen: -c, rule });
    }
  }
  const revenueFen = orders.reduce((s, o) => s + o.amountFen, 0);
  const bonusFen = bp(revenueFen, bonusRateBp(orders.length, config.tiers));
  return { orders: orders.length, revenueFen, commissionFen, bonusFen, clawbackFen, totalFen: commissionFen + bonusFen - clawbackFen, lines: out };
}
