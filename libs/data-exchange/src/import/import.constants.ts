import { ImportKind } from './import-target';

/** Every kind a file can be imported as; a node serves those whose ImportTarget it has. */
export const IMPORT_KINDS = ['customers', 'subscriptions', 'usage'] as const satisfies readonly ImportKind[];

/** File formats an import accepts, by extension. */
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export enum ImportStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
}

/** Rejected rows kept per import (with line, reason and values); beyond this only counted. */
export const MAX_STORED_REJECTIONS = 100_000;

/** Longest stored rejection reason. */
export const MAX_REASON_LENGTH = 500;

/** Longest stored raw value of one cell of a rejected row. */
export const MAX_RAW_VALUE_LENGTH = 500;

/** BullMQ job id of an import: deterministic, so an import has at most one job. */
export const importJobId = (importId: string): string => `import-${importId}`;
