import { Campaign, CampaignContact, CampaignEvaluation, CampaignResponse, MarketingMethod, MarketingPlan, MarketingPlanEvaluation, MarketingPlanStageResult, MarketingPlanTransition, MarketResearch } from './entities';

export const MarketingEntities = [MarketResearch, MarketingMethod, MarketingPlan, MarketingPlanTransition, MarketingPlanStageResult, MarketingPlanEvaluation, Campaign, CampaignContact, CampaignResponse, CampaignEvaluation];
