import { ImportJob, ImportRejection } from './entities';

/** Entities of bulk imports, for the city data source. */
export const ImportEntities = [ImportJob, ImportRejection];
