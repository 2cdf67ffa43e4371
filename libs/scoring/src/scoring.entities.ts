import { CustomerScore, CustomerScoreHistory, SatisfactionSurvey } from './entities';

export const ScoringEntities = [CustomerScore, CustomerScoreHistory, SatisfactionSurvey];
