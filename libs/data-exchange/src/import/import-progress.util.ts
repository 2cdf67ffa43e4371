import type { ImportJob } from './entities';
import { ImportStatus } from './import.constants';

/** Share of the file processed: bytes read when the last batch committed; 100 once completed. */
export const progressPercent = (job: Pick<ImportJob, 'status' | 'bytesProcessed' | 'sizeBytes'>): number =>
  job.status === ImportStatus.Completed ? 100 : job.sizeBytes > 0 ? Math.min(99, Math.floor((job.bytesProcessed * 100) / job.sizeBytes)) : 0;
