/** Display names of the attribute segments (客戶分類). */
export const SEGMENT_LABELS: Record<string, string> = {
  public_residential: '公眾客戶·住宅',
  public_unit: '公眾客戶·單位',
  key_individual: '大客戶·個人',
  key_enterprise: '大客戶·企業',
};
