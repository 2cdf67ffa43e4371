import { MixedList } from 'typeorm';

/** What a tier's database consists of: its entities and its ordered migrations. */
export interface TierSchema {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}
