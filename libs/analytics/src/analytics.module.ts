import { Module } from '@nestjs/common';
import { AnalysesController } from './analyses.controller';
import { AnalysesService } from './analyses.service';
import { AnalyticsController } from './analytics.controller';
import { CustomerAnalyticsService } from './customer-analytics.service';
import { FactAnalyticsService } from './fact-analytics.service';

/** Analyses answered from the facts a node holds; the same module serves every tier. */
@Module({ controllers: [AnalyticsController, AnalysesController], providers: [CustomerAnalyticsService, FactAnalyticsService, AnalysesService] })
export class AnalyticsModule {}
