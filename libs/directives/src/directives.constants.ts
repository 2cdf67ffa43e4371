/** What a directive sets (ARCHITECTURE.md "Downward: directives"). */
export enum DirectiveKind {
  /** 服務指標: national or provincial service standards each city measures itself against. */
  ServiceIndicators = 'service_indicators',
  /** 優惠政策: a promotion policy for the cities to run. */
  PromotionPolicy = 'promotion_policy',
  /** 營銷活動: a campaign to run. */
  Campaign = 'campaign',
  /** 黑名單摘要: hashed black-list entries shared across cities. */
  BlacklistDigest = 'blacklist_digest',
  Other = 'other',
}
export const DIRECTIVE_KINDS = Object.values(DirectiveKind);

export const DIRECTIVE_ENTITY = 'directive';

/** A directive key: what successive versions of one standard or policy share. */
export const DIRECTIVE_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Service indicators (服務指標) a `service_indicators` directive carries; each is optional, at least one is set. */
export const SERVICE_INDICATORS = {
  /** Fault requests resolved within this many hours (故障修復時限). */
  faultRepairHours: { min: 0.5, max: 720 },
  /** Share of requests resolved without a hand-over (首問解決率), 0–1. */
  firstContactResolutionRate: { min: 0, max: 1 },
  /** Complaints per 10,000 customers a month at most (投訴率). */
  complaintsPer10k: { min: 0, max: 10_000 },
  /** Share of requests resolved within their SLA (SLA 達成率), 0–1. */
  slaAttainmentRate: { min: 0, max: 1 },
} as const;
export type ServiceIndicatorName = keyof typeof SERVICE_INDICATORS;

/** Problems with a directive's content for its kind (empty when valid). */
export function directiveContentProblems(kind: string, content: unknown): string[] {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return ['content must be an object'];
  if (kind !== DirectiveKind.ServiceIndicators) return [];
  const c = content as Record<string, unknown>;
  const problems: string[] = [];
  const known = Object.keys(SERVICE_INDICATORS) as ServiceIndicatorName[];
  for (const k of Object.keys(c)) if (!(known as string[]).includes(k)) problems.push(`content.${k} is not a service indicator (${known.join(', ')})`);
  for (const k of known) {
    const v = c[k];
    if (v === undefined) continue;
    const { min, max } = SERVICE_INDICATORS[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) problems.push(`content.${k} must be a number ${min}–${max}`);
  }
  if (!known.some((k) => c[k] !== undefined)) problems.push('content must set at least one service indicator');
  return problems;
}
