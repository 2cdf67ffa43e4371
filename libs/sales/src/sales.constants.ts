/** 商機 stages in pipeline order; won and lost are final. */
export enum OpportunityStage {
  Lead = 'lead',
  Qualified = 'qualified',
  Proposal = 'proposal',
  Negotiation = 'negotiation',
  Won = 'won',
  Lost = 'lost',
}
export const OPPORTUNITY_STAGES = Object.values(OpportunityStage);
/** Allowed moves: forward or back between open stages, and to won / lost from any open stage. */
export const OPPORTUNITY_TRANSITIONS: Record<OpportunityStage, OpportunityStage[]> = {
  [OpportunityStage.Lead]: [OpportunityStage.Qualified, OpportunityStage.Proposal, OpportunityStage.Negotiation, OpportunityStage.Won, OpportunityStage.Lost],
  [OpportunityStage.Qualified]: [OpportunityStage.Lead, OpportunityStage.Proposal, OpportunityStage.Negotiation, OpportunityStage.Won, OpportunityStage.Lost],
  [OpportunityStage.Proposal]: [OpportunityStage.Lead, OpportunityStage.Qualified, OpportunityStage.Negotiation, OpportunityStage.Won, OpportunityStage.Lost],
  [OpportunityStage.Negotiation]: [OpportunityStage.Lead, OpportunityStage.Qualified, OpportunityStage.Proposal, OpportunityStage.Won, OpportunityStage.Lost],
  [OpportunityStage.Won]: [],
  [OpportunityStage.Lost]: [],
};

export enum OrderStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Completed = 'completed',
  Cancelled = 'cancelled',
}
export const ORDER_TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.Draft]: [OrderStatus.Submitted, OrderStatus.Cancelled],
  [OrderStatus.Submitted]: [OrderStatus.Completed, OrderStatus.Cancelled, OrderStatus.Draft],
  [OrderStatus.Completed]: [],
  [OrderStatus.Cancelled]: [],
};

export enum OrderLineAction {
  New = 'new',
  Change = 'change',
  Terminate = 'terminate',
}

/** 渠道 */
export enum SalesChannel {
  Hall = 'hall',
  Agent = 'agent',
  Online = 'online',
  Phone = 'phone',
  Direct = 'direct',
}

export enum ContractStatus {
  Draft = 'draft',
  Active = 'active',
  Terminated = 'terminated',
}

export enum ActivityKind {
  Visit = 'visit',
  Call = 'call',
  Event = 'event',
  Other = 'other',
}

export enum AgentStatus {
  Active = 'active',
  Suspended = 'suspended',
}

export enum TargetKind {
  Count = 'count',
  Amount = 'amount',
}

export enum SalesTaskStatus {
  Open = 'open',
  Closed = 'closed',
}

export enum TargetDimension {
  Total = 'total',
  Customer = 'customer',
  District = 'district',
  Industry = 'industry',
  BusinessHall = 'business_hall',
  Agent = 'agent',
}

export enum FiguresGroupBy {
  Customer = 'customer',
  Period = 'period',
  District = 'district',
  Industry = 'industry',
  BusinessHall = 'business_hall',
  Agent = 'agent',
}

export enum CommissionStatus {
  Computed = 'computed',
  Approved = 'approved',
}

/** Audit entity types. */
export const SALES_ENTITY = {
  opportunity: 'sales_opportunity',
  order: 'sales_order',
  contract: 'sales_contract',
  method: 'sales_method',
  activity: 'sales_activity',
  agent: 'sales_agent',
  representative: 'sales_agent_representative',
  team: 'sales_team',
  task: 'sales_task',
  target: 'sales_target',
  commission: 'sales_commission_statement',
} as const;
