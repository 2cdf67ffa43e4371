import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { CustomerAnalyticsService } from './customer-analytics.service';
import { FactAnalyticsService } from './fact-analytics.service';

/** Analyses answered from the facts a node holds; the same module serves every tier. */
@Module({ controllers: [AnalyticsController], providers: [CustomerAnalyticsService, FactAnalyticsService] })
export class AnalyticsModule {}
