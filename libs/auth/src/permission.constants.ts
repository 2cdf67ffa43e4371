/** What a route may require. A role holds a set of these; routes declare what they need. */
export enum Permission {
  ProfileRead = 'profile:read',
  CustomerRead = 'customer:read',
  CustomerWrite = 'customer:write',
  /** See ID numbers and phone numbers unmasked (個人信息). */
  CustomerPersonalData = 'customer:personal-data',
  AnalyticsRead = 'analytics:read',
  FederationRead = 'federation:read',
  FederationPublish = 'federation:publish',
  UserAdmin = 'user:admin',
  /** Read the audit log (who changed or saw what). */
  AuditRead = 'audit:read',
  /** Base configuration and staff (基礎配置、員工). */
  ConfigRead = 'config:read',
  ConfigWrite = 'config:write',
  /** Accounts, usage, bills, payments, arrears (賬戶、消費、欠費). */
  BillingRead = 'billing:read',
  BillingWrite = 'billing:write',
  /** Promotions (優惠). */
  PromotionRead = 'promotion:read',
  PromotionWrite = 'promotion:write',
  /** Bulk imports (導入). */
  ImportRun = 'import:run',
  /** Satisfaction, loyalty and credit scores, surveys and credit lists (評分、紅灰黑名單). */
  ScoreRead = 'score:read',
  ScoreWrite = 'score:write',
  /** Service requests, return visits, care tasks, service plans (服務: 投訴、故障、咨詢、查詢、建議、回訪、關懷). */
  ServiceRead = 'service:read',
  ServiceWrite = 'service:write',
  /** Operations information (經營信息): macro items, product and service information, policies, partners, operations staff. */
  OperationsRead = 'operations:read',
  OperationsWrite = 'operations:write',
  /** Market research, marketing methods and plans, campaigns and responses (營銷). */
  MarketingRead = 'marketing:read',
  MarketingWrite = 'marketing:write',
  /** Opportunities, orders, contracts, sales activities and tasks, agents and commissions (銷售). */
  SalesRead = 'sales:read',
  SalesWrite = 'sales:write',
}

/** Roles follow the operator's departments. */
export enum Role {
  Admin = 'admin',
  /** 市場部 */
  Market = 'market',
  /** 銷售 */
  Sales = 'sales',
  /** 客戶服務 */
  Service = 'service',
  /** 經營 / 運營 */
  Operations = 'operations',
  /** 管理層 / 分析 */
  Analyst = 'analyst',
}

export const ROLES = Object.values(Role);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.Admin]: Object.values(Permission),
  [Role.Market]: [
    Permission.ProfileRead, Permission.CustomerRead, Permission.AnalyticsRead, Permission.ConfigRead,
    Permission.BillingRead, Permission.PromotionRead, Permission.PromotionWrite, Permission.ScoreRead,
    Permission.OperationsRead, Permission.MarketingRead, Permission.MarketingWrite, Permission.SalesRead,
  ],
  [Role.Sales]: [
    Permission.ProfileRead, Permission.CustomerRead, Permission.CustomerWrite, Permission.CustomerPersonalData,
    Permission.ConfigRead, Permission.BillingRead, Permission.PromotionRead, Permission.ImportRun,
    Permission.OperationsRead, Permission.MarketingRead, Permission.SalesRead, Permission.SalesWrite,
  ],
  [Role.Service]: [
    Permission.ProfileRead, Permission.CustomerRead, Permission.CustomerWrite, Permission.CustomerPersonalData,
    Permission.ConfigRead, Permission.BillingRead, Permission.BillingWrite, Permission.PromotionRead,
    Permission.ScoreRead, Permission.ScoreWrite, Permission.ServiceRead, Permission.ServiceWrite,
  ],
  [Role.Operations]: [
    Permission.ProfileRead, Permission.CustomerRead, Permission.AnalyticsRead, Permission.FederationRead,
    Permission.ConfigRead, Permission.ConfigWrite, Permission.BillingRead, Permission.BillingWrite, Permission.PromotionRead, Permission.ImportRun,
    Permission.ScoreRead, Permission.ScoreWrite, Permission.ServiceRead,
    Permission.OperationsRead, Permission.OperationsWrite, Permission.MarketingRead, Permission.SalesRead,
  ],
  [Role.Analyst]: [
    Permission.ProfileRead, Permission.AnalyticsRead, Permission.FederationRead, Permission.ConfigRead, Permission.ScoreRead, Permission.ServiceRead,
    Permission.OperationsRead, Permission.MarketingRead, Permission.SalesRead,
  ],
};
