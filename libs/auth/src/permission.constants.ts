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
  [Role.Market]: [Permission.ProfileRead, Permission.CustomerRead, Permission.AnalyticsRead],
  [Role.Sales]: [Permission.ProfileRead, Permission.CustomerRead, Permission.CustomerWrite, Permission.CustomerPersonalData],
  [Role.Service]: [Permission.ProfileRead, Permission.CustomerRead, Permission.CustomerWrite, Permission.CustomerPersonalData],
  [Role.Operations]: [Permission.ProfileRead, Permission.CustomerRead, Permission.AnalyticsRead, Permission.FederationRead],
  [Role.Analyst]: [Permission.ProfileRead, Permission.AnalyticsRead, Permission.FederationRead],
};
