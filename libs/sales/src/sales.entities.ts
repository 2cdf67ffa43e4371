import {
  CommissionLine, CommissionStatement, SalesActivity, SalesAgent, SalesAgentRepresentative, SalesContract, SalesMethod, SalesOpportunity,
  SalesOpportunityStage, SalesOrder, SalesOrderLine, SalesTarget, SalesTask, SalesTeam, SalesTeamMember,
} from './entities';

export const SalesEntities = [
  SalesOpportunity, SalesOpportunityStage, SalesAgent, SalesAgentRepresentative, SalesOrder, SalesOrderLine, SalesContract, SalesMethod, SalesActivity,
  SalesTeam, SalesTeamMember, SalesTask, SalesTarget, CommissionStatement, CommissionLine,
];
