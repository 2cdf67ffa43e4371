export * from './churn-record.entity';
export * from './churn-model-record.entity';
export * from './churn-risk-score.entity';
