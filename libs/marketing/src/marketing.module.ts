import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignFactsProducer } from './campaign-facts.producer';
import { CampaignController } from './campaign.controller';
import { CampaignRepository } from './campaign.repository';
import { CampaignService } from './campaign.service';
import { MarketResearchController } from './market-research.controller';
import { MarketResearchRepository } from './market-research.repository';
import { MarketResearchService } from './market-research.service';
import { MarketingEntities } from './marketing.entities';
import { MarketingMethodController } from './marketing-method.controller';
import { MarketingMethodRepository } from './marketing-method.repository';
import { MarketingMethodService } from './marketing-method.service';
import { MarketingPlanController } from './marketing-plan.controller';
import { MarketingPlanRepository } from './marketing-plan.repository';
import { MarketingPlanService } from './marketing-plan.service';

/** 營銷 of a city: market research, marketing methods, marketing plans, campaigns (contact lists, responses, evaluation) and their facts. */
@Module({
  imports: [TypeOrmModule.forFeature(MarketingEntities)],
  controllers: [MarketResearchController, MarketingMethodController, MarketingPlanController, CampaignController],
  providers: [
    MarketResearchRepository,
    MarketingMethodRepository,
    MarketingPlanRepository,
    CampaignRepository,
    MarketResearchService,
    MarketingMethodService,
    MarketingPlanService,
    CampaignService,
    CampaignFactsProducer,
  ],
  exports: [MarketResearchService, MarketingMethodService, MarketingPlanService, CampaignService],
})
export class MarketingModule {}
