/** Figures of one group of a campaign's contact list (all counts of distinct customers). */
export interface GroupFigures {
  targeted: number;
  contacted: number;
  responded: number;
  converted: number;
  /** Σ response revenueFen reported for the group. */
  reportedRevenueFen: number;
  /** Σ bill.total_fen of the group's customers in the N billing months before the start month. */
  revenueBeforeFen: number;
  /** … in the N billing months from the start month on. */
  revenueAfterFen: number;
}

export interface GroupEvaluation extends GroupFigures {
  /** contacted / targeted (觸達率). */
  reachRate: number | null;
  /** responded / contacted (響應率). */
  responseRate: number | null;
  /** converted / targeted (轉化率), comparable between target and control. */
  conversionRate: number | null;
  revenueChangeFen: number;
  /** revenueChangeFen / targeted, rounded to whole fen. */
  revenueChangePerCustomerFen: number | null;
}

export interface Uplift {
  /** target conversionRate − control conversionRate. */
  conversionRate: number | null;
  /** Per customer: target change − control change (fen). */
  revenuePerCustomerFen: number | null;
  /** revenuePerCustomerFen × target size: the revenue the campaign made beyond what would have happened anyway. */
  incrementalRevenueFen: number | null;
}

const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

export function evaluateGroup(g: GroupFigures): GroupEvaluation {
  const change = g.revenueAfterFen - g.revenueBeforeFen;
  return {
    ...g,
    reachRate: rate(g.contacted, g.targeted),
    responseRate: rate(g.responded, g.contacted),
    conversionRate: rate(g.converted, g.targeted),
    revenueChangeFen: change,
    revenueChangePerCustomerFen: g.targeted > 0 ? Math.round(change / g.targeted) : null,
  };
}

/** Uplift of the target group over the control group; null figures when there is no control group. */
export function uplift(target: GroupFigures, control: GroupFigures | null): Uplift {
  if (!control || control.targeted === 0 || target.targeted === 0) return { conversionRate: null, revenuePerCustomerFen: null, incrementalRevenueFen: null };
  const conversion = Math.round((target.converted / target.targeted - control.converted / control.targeted) * 10_000) / 10_000;
  const perCustomer = (target.revenueAfterFen - target.revenueBeforeFen) / target.targeted - (control.revenueAfterFen - control.revenueBeforeFen) / control.targeted;
  return { conversionRate: conversion, revenuePerCustomerFen: Math.round(perCustomer), incrementalRevenueFen: Math.round(perCustomer * target.targeted) };
}

/** `YYYY-MM-01` of the month `n` months after the month of `day` (negative: before). */
export function monthStart(day: string, n = 0): string {
  const [y, m] = day.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}
