import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PromotionController } from './promotion.controller';
import { PromotionEntities } from './promotion.entities';
import { PromotionRepository } from './promotion.repository';
import { PromotionService } from './promotion.service';

/** 優惠 (city): promotion policies, who received them, and their effect on spend. */
@Module({
  imports: [TypeOrmModule.forFeature(PromotionEntities)],
  controllers: [PromotionController],
  providers: [PromotionRepository, PromotionService],
  exports: [PromotionService],
})
export class PromotionModule {}
