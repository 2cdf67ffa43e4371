/** Display names of the attribute segments (客戶分類). */
export const SEGMENT_LABELS: Record<string, string> = {
  public_residential: '公眾客戶·住宅',
  public_unit: '公眾客戶·單位',
  key_individual: '大客戶·個人',
  key_enterprise: '大客戶·企業',
};

/**
 * Display names of channels (渠道): customers' acquisition channels (@crm/customer) and service
 * contact channels (@crm/service); `unknown` = not recorded.
 */
export const CHANNEL_LABELS: Record<string, string> = {
  business_hall: '營業廳',
  call_centre: '客服中心',
  account_manager: '客戶經理',
  agent: '代理商',
  online: '網上渠道',
  hotline: '服務熱線',
  hotline_10000: '10000 熱線',
  hotline_112: '112 故障熱線',
  hotline_114: '114 查號',
  website: '網站',
  email: '電子郵件',
  other: '其他',
  unknown: '（未記錄） unknown',
};
