export * from './analytics.module';
export * from './analysis-catalogue';
export * from './analysis-derivation.util';
export { AnalysesService, AnalysisAnswer, AnalysisQuery, AnalysisListItem } from './analyses.service';
