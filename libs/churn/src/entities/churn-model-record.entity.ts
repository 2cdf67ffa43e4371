import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChurnModel } from '../churn.types';
import { numberTransformer } from './number.transformer';

/** A churn-risk model trained on the city's own history (table churn_model); the highest version is in use. */
@Entity('churn_model')
export class ChurnModelRecord {
  /** 1, 2, 3… in training order. */
  @PrimaryGeneratedColumn('increment')
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  trainedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  trainedBy: string;

  @Column({ type: 'integer' })
  churnedCount: number;

  @Column({ type: 'integer' })
  retainedCount: number;

  /** Mean ROC AUC over the cross-validation folds, and each fold's. */
  @Column({ type: 'numeric', precision: 6, scale: 4, transformer: numberTransformer })
  cvAuc: number;

  @Column({ type: 'jsonb' })
  cvFolds: number[];

  /** The ChurnModel JSON (libs/churn), trained on all rows. */
  @Column({ type: 'jsonb' })
  model: ChurnModel;
}
