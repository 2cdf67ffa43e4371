import { CustomerSegment } from './entities';

export const SegmentationEntities = [CustomerSegment];
