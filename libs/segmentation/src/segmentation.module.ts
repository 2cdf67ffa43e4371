import { FactoryProvider, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { resolveSegmentationConfig, SEGMENTATION_CONFIG } from './segmentation.config';
import { SegmentationController } from './segmentation.controller';
import { SegmentationEntities } from './segmentation.entities';
import { SegmentationRepository } from './segmentation.repository';
import { SegmentationService } from './segmentation.service';
import { SegmentFactsProducer } from './segment-facts.producer';

/** The segmentation configuration: the typed defaults, validated when the module starts. */
export const segmentationConfigProvider: FactoryProvider = {
  provide: SEGMENTATION_CONFIG,
  useFactory: () => resolveSegmentationConfig({}),
};

/** 客戶分類 (city): one segment per customer, dimension and period; sizes, members, export. */
@Module({
  imports: [TypeOrmModule.forFeature(SegmentationEntities)],
  controllers: [SegmentationController],
  providers: [segmentationConfigProvider, SegmentationRepository, SegmentationService, SegmentFactsProducer],
  exports: [SegmentationService, SEGMENTATION_CONFIG],
})
export class SegmentationModule {}
