export * from './customer-score.entity';
export * from './customer-score-history.entity';
export * from './satisfaction-survey.entity';
