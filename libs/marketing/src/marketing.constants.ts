/** 市場調研 methods. */
export const RESEARCH_METHODS = ['survey', 'interview', 'focus_group', 'desk', 'observation', 'experiment', 'other'] as const;
export type ResearchMethod = (typeof RESEARCH_METHODS)[number];

/** Channels of marketing methods, campaigns and responses (營銷渠道). */
export const MARKETING_CHANNELS = ['sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** How a marketing method costs money (成本模式). */
export const COST_MODELS = ['fixed', 'per_contact', 'per_conversion', 'revenue_share', 'none'] as const;
export type CostModel = (typeof COST_MODELS)[number];

/** What a campaign targets: a segment of @crm/segmentation or a saved customer query. */
export enum CampaignTarget {
  Segment = 'segment',
  Query = 'query',
}

/** planned (contact list may be built) → active (responses recorded) → closed (evaluation stored); final. */
export enum CampaignStatus {
  Planned = 'planned',
  Active = 'active',
  Closed = 'closed',
}

export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  [CampaignStatus.Planned]: [CampaignStatus.Active],
  [CampaignStatus.Active]: [CampaignStatus.Closed],
  [CampaignStatus.Closed]: [],
};

/** A customer's place in a campaign's contact list. */
export enum ContactGroup {
  /** 目標組: contacted. */
  Target = 'target',
  /** 對照組: held back, to measure what would have happened anyway. */
  Control = 'control',
}

/**
 * What a customer did: `contacted` (reached, no answer yet), `responded`, `accepted`, `declined`,
 * `converted` (bought). Any response means the customer was contacted; all but `contacted` count as a
 * response.
 */
export const RESPONSE_OUTCOMES = ['contacted', 'responded', 'accepted', 'declined', 'converted'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/** Directive kinds a campaign may carry out. */
export const CAMPAIGN_DIRECTIVE_KINDS = ['campaign', 'promotion_policy'] as const;

/** A campaign code (its key in facts): like a directive key. */
export const CAMPAIGN_CODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const MARKET_RESEARCH_ENTITY = 'market_research';
export const MARKETING_METHOD_ENTITY = 'marketing_method';
export const MARKETING_PLAN_ENTITY = 'marketing_plan';
export const CAMPAIGN_ENTITY = 'campaign';

/** Months before / after the campaign start compared by the evaluation, by default. */
export const DEFAULT_EVALUATION_MONTHS = 3;
/** Evaluations shown to the drafter of a new plan. */
export const PREVIOUS_EVALUATIONS_SHOWN = 5;
