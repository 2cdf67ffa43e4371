import { FactoryProvider, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { resolveSegmentationConfig, SEGMENTATION_CONFIG } from './segmentation.config';
import { SegmentationController } from './segmentation.controller';
import { SegmentationEntities } from './segmentation.entities';
import { SegmentationRepository } from './segmentation.repository';
import { SegmentationService } from './segmentation.service';
import { SegmentFactsProducer } from './segment-facts.producer';

/** The segmentation configuration: the typed defaults + CRM_SEGMENTATION_CONFIG(_FILE), validated when the module starts. */
export const segmentationConfigProvider: FactoryProvider = {
  provide: SEGMENTATION_CONFIG,
  inject: [NODE_CONFIG],
  useFactory: (node: NodeConfig) => resolveSegmentationConfig(node.settings.segmentation),
};

/** 客戶分類 (city): one segment per customer, dimension and period; sizes, members, export. */
@Module({
  imports: [TypeOrmModule.forFeature(SegmentationEntities)],
  controllers: [SegmentationController],
  providers: [segmentationConfigProvider, SegmentationRepository, SegmentationService, SegmentFactsProducer],
  exports: [SegmentationService, SEGMENTATION_CONFIG],
})
export class SegmentationModule {}
