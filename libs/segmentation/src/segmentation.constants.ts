/** The dimensions a customer is segmented on (DOMAIN.md §3 item 10); one segment per dimension. */
export enum SegmentDimension {
  /** 按屬性: the customer type. */
  Attribute = 'attribute',
  /** 按關係: current, potential, historical, competitor's, interconnected. */
  Relationship = 'relationship',
  /** 按價值: annual billed spend against thresholds and a cost model. */
  Value = 'value',
  /** 按信用: red / grey / black list of the latest credit score. */
  Credit = 'credit',
  /** 按滿意度: band of the latest satisfaction score. */
  Satisfaction = 'satisfaction',
  /** 按忠誠度: band of the latest loyalty score. */
  Loyalty = 'loyalty',
  /** Individuals by geography (地理): their district code. */
  Geography = 'geography',
  /** Individuals by demographics (人口): gender and age band, e.g. female_30_44. */
  Demographic = 'demographic',
  /** Individuals by behaviour (行為): usage records of the month, inactive / light / medium / heavy. */
  Behaviour = 'behaviour',
  /** Units by industry (行業): their GB/T 4754 industry code, or unknown. */
  Industry = 'industry',
  /** Units by size (規模): active subscriptions, small / medium / large. */
  Size = 'size',
  /** Units by spend (消費): billed over the value window, low / medium / high. */
  Spend = 'spend',
}
export const SEGMENT_DIMENSIONS = Object.values(SegmentDimension);

/** No score of that kind yet (credit, satisfaction, loyalty). */
export const UNSCORED = 'none';

export const RELATIONSHIP_SEGMENTS = ['current', 'potential', 'historical', 'competitor', 'interconnected'] as const;
export type RelationshipSegment = (typeof RELATIONSHIP_SEGMENTS)[number];
/** Relationship segments no data shows: only set by hand. */
export const MANUAL_ONLY_RELATIONSHIPS: readonly RelationshipSegment[] = ['competitor', 'interconnected'];

export const VALUE_SEGMENTS = ['important', 'high_value', 'ordinary', 'low_value_must_keep', 'low_value_may_lose'] as const;
export type ValueSegment = (typeof VALUE_SEGMENTS)[number];

/** Customer types segmented on the individual and the unit dimensions. */
export const INDIVIDUAL_TYPES = ['public_residential', 'key_individual'] as const;
export const UNIT_TYPES = ['public_unit', 'key_enterprise'] as const;

/** Dimensions whose segments are codes found in the data (districts, industries) rather than a fixed list. */
export const OPEN_SEGMENT_PATTERN: Readonly<Partial<Record<SegmentDimension, RegExp>>> = {
  [SegmentDimension.Geography]: /^\d{6}$/,
  [SegmentDimension.Industry]: /^([A-Z0-9]{1,10}|unknown)$/,
};

export const GENDER_SEGMENTS = ['male', 'female', 'unknown'] as const;

/** Every segment of each fixed dimension, best / most significant first (demographic: from the configured age bands). */
export const SEGMENTS_OF: Readonly<Partial<Record<SegmentDimension, readonly string[]>>> = {
  [SegmentDimension.Attribute]: ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'],
  [SegmentDimension.Relationship]: RELATIONSHIP_SEGMENTS,
  [SegmentDimension.Value]: VALUE_SEGMENTS,
  [SegmentDimension.Credit]: ['red', 'grey', 'black', UNSCORED],
  [SegmentDimension.Satisfaction]: ['very_satisfied', 'satisfied', 'fairly_satisfied', 'dissatisfied', 'very_dissatisfied', UNSCORED],
  [SegmentDimension.Loyalty]: ['very_loyal', 'loyal', 'fairly_loyal', 'disloyal', 'very_disloyal', UNSCORED],
  [SegmentDimension.Behaviour]: ['heavy', 'medium', 'light', 'inactive'],
  [SegmentDimension.Size]: ['large', 'medium', 'small'],
  [SegmentDimension.Spend]: ['high', 'medium', 'low'],
};

export const SEGMENT_LABELS: Readonly<Record<string, string>> = {
  public_residential: '公眾客戶（個人）',
  public_unit: '公眾客戶（單位）',
  key_individual: '大客戶（個人）',
  key_enterprise: '大客戶（企業）',
  current: '現有客戶',
  potential: '潛在客戶',
  historical: '歷史客戶',
  competitor: '競爭對手客戶',
  interconnected: '互連互通客戶',
  important: '重要客戶',
  high_value: '高價值客戶',
  ordinary: '普通客戶',
  low_value_must_keep: '低價值必保客戶',
  low_value_may_lose: '低價值可流失客戶',
  red: '紅名單',
  grey: '灰名單',
  black: '黑名單',
  very_satisfied: '非常滿意',
  satisfied: '滿意',
  fairly_satisfied: '比較滿意',
  dissatisfied: '不滿意',
  very_dissatisfied: '非常不滿意',
  very_loyal: '非常忠誠',
  loyal: '忠誠',
  fairly_loyal: '比較忠誠',
  disloyal: '不忠誠',
  very_disloyal: '非常不忠誠',
  none: '未評分',
  heavy: '高用量',
  inactive: '無用量',
  light: '低用量',
  large: '大型',
  medium: '中等',
  small: '小型',
  high: '高消費',
  low: '低消費',
  unknown: '未知',
};

/** Where a membership came from. */
export enum SegmentSource {
  Computed = 'computed',
  Manual = 'manual',
}

export const CUSTOMER_SEGMENT_ENTITY = 'customer_segment';

/** `YYYY-MM`: a segmentation period (a month). */
export const SEGMENT_PERIOD_PATTERN = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
