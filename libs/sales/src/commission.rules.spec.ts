import { bonusRateBp, bp, computeCommission, lineCommission, ruleFor } from './commission.rules';
import { CommissionConfig, DEFAULT_SALES_CONFIG, resolveSalesConfig } from './sales.config';

const config: CommissionConfig = {
  defaultRateBp: 300,
  rules: [
    { productCode: 'MOB', rateBp: 1_000 },
    { pricePlanCode: 'MOB-VIP', fixedFen: 5_000 },
    { productCode: 'BB', fixedFen: 2_000, rateBp: 9_999 },
  ],
  tiers: [
    { minOrders: 2, bonusBp: 100 },
    { minOrders: 5, bonusBp: 300 },
  ],
  clawbackDays: 90,
};
const line = (o: Partial<Parameters<typeof lineCommission>[0]>) => ({ orderId: 'o1', orderLineId: 'l1', action: 'new', productCode: null, pricePlanCode: null, amountFen: 0, ...o });

describe('commission rules', () => {
  it('rounds basis points half away from zero', () => {
    expect(bp(12_345, 300)).toBe(370); // 370.35
    expect(bp(50, 1_000)).toBe(5);
    expect(bp(15, 1_000)).toBe(2); // 1.5 → 2
    expect(bp(-15, 1_000)).toBe(-2);
  });

  it('picks the plan rule over the product rule over the default', () => {
    expect(ruleFor({ productCode: 'MOB', pricePlanCode: 'MOB-VIP' }, config).rule).toBe('plan:MOB-VIP');
    expect(ruleFor({ productCode: 'MOB', pricePlanCode: 'MOB-STD' }, config).rule).toBe('product:MOB');
    expect(ruleFor({ productCode: 'IPTV', pricePlanCode: null }, config).rule).toBe('default');
  });

  it('a fixed amount wins over a rate; a rate applies to the line amount', () => {
    expect(lineCommission(line({ productCode: 'MOB', amountFen: 12_900 }), config)).toEqual({ rule: 'product:MOB', commissionFen: 1_290 });
    expect(lineCommission(line({ productCode: 'MOB', pricePlanCode: 'MOB-VIP', amountFen: 12_900 }), config)).toEqual({ rule: 'plan:MOB-VIP', commissionFen: 5_000 });
    expect(lineCommission(line({ productCode: 'BB', amountFen: 100_000 }), config)).toEqual({ rule: 'product:BB', commissionFen: 2_000 });
    expect(lineCommission(line({ productCode: 'X', amountFen: 10_000 }), config)).toEqual({ rule: 'default', commissionFen: 300 });
  });

  it('the highest tier reached gives the bonus rate', () => {
    expect(bonusRateBp(1, config.tiers)).toBe(0);
    expect(bonusRateBp(2, config.tiers)).toBe(100);
    expect(bonusRateBp(4, config.tiers)).toBe(100);
    expect(bonusRateBp(7, config.tiers)).toBe(300);
    expect(bonusRateBp(7, [])).toBe(0);
  });

  it('computes commission, bonus and clawback of a month', () => {
    const r = computeCommission(
      [{ orderId: 'o1', amountFen: 20_000 }, { orderId: 'o2', amountFen: 10_000 }],
      [
        line({ orderId: 'o1', orderLineId: 'a', productCode: 'MOB', amountFen: 15_000 }),
        line({ orderId: 'o1', orderLineId: 'b', productCode: 'IPTV', amountFen: 5_000 }),
        line({ orderId: 'o2', orderLineId: 'c', action: 'terminate', productCode: 'MOB', amountFen: 0 }),
        line({ orderId: 'o2', orderLineId: 'd', action: 'change', productCode: 'MOB', pricePlanCode: 'MOB-VIP', amountFen: 10_000 }),
      ],
      [line({ orderId: 'old', orderLineId: 'z', productCode: 'MOB', amountFen: 8_000 })],
      config,
    );
    expect(r.lines.map((l) => [l.orderLineId, l.kind, l.commissionFen, l.rule])).toEqual([
      ['a', 'commission', 1_500, 'product:MOB'],
      ['b', 'commission', 150, 'default'],
      ['d', 'commission', 5_000, 'plan:MOB-VIP'],
      ['z', 'clawback', -800, 'product:MOB'],
    ]);
    expect(r).toMatchObject({ orders: 2, revenueFen: 30_000, commissionFen: 6_650, bonusFen: 300, clawbackFen: 800, totalFen: 6_150 });
  });

  it('no clawback when the window is 0', () => {
    const r = computeCommission([], [], [line({ productCode: 'MOB', amountFen: 8_000 })], { ...config, clawbackDays: 0 });
    expect(r).toMatchObject({ clawbackFen: 0, totalFen: 0, lines: [] });
  });
});

describe('sales config', () => {
  it('defaults, and overrides validated', () => {
    expect(resolveSalesConfig()).toEqual(DEFAULT_SALES_CONFIG);
    const c = resolveSalesConfig({ commission: { rules: [{ productCode: 'MOB', rateBp: 800 }], tiers: [{ minOrders: 3, bonusBp: 50 }] } });
    expect(c.commission).toMatchObject({ defaultRateBp: 300, rules: [{ productCode: 'MOB', rateBp: 800 }], tiers: [{ minOrders: 3, bonusBp: 50 }] });
  });

  it('refuses bad rules naming each problem', () => {
    expect(() => resolveSalesConfig({ commission: { defaultRateBp: 20_000, rules: [{ productCode: 'A', pricePlanCode: 'B', rateBp: 1 }, { productCode: 'C' }], tiers: [{ minOrders: 0, bonusBp: 1, x: 1 }] }, nope: 1 }))
      .toThrow(/CRM_SALES_CONFIG[\s\S]*sales\.nope is not a setting[\s\S]*defaultRateBp[\s\S]*rules\[0\] needs exactly one[\s\S]*rules\[1\] needs rateBp or fixedFen[\s\S]*tiers\[0\]\.x is not a setting[\s\S]*tiers\[0\]\.minOrders/);
  });
});
