export * from './entities';
export * from './segmentation.constants';
export * from './segmentation.config';
export * from './segmentation.entities';
export * from './segmentation.module';
export { SegmentationService } from './segmentation.service';
export { SegmentFactsProducer } from './segment-facts.producer';
