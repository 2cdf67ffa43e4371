export * from './entities';
export * from './scoring.constants';
export * from './scoring.config';
export * from './scoring.entities';
export * from './scoring.formulas';
export * from './scoring.module';
export { ScoringService } from './scoring.service';
export { ScoreDto } from './dto/score-response.dto';
export { ScoreFactsProducer } from './score-facts.producer';
