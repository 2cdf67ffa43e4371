import { ChurnModelRecord, ChurnRecord, ChurnRiskScore } from './entities';

export const ChurnEntities = [ChurnRecord, ChurnModelRecord, ChurnRiskScore];
