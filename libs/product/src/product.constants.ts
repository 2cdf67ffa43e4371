/** 業務類別 */
export enum ProductCategory {
  FixedLine = 'fixed_line',
  Mobile = 'mobile',
  Broadband = 'broadband',
  Iptv = 'iptv',
  LeasedLine = 'leased_line',
  Bundle = 'bundle',
}
