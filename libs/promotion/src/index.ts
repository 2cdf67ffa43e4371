export * from './entities';
export * from './promotion.constants';
export * from './promotion.entities';
export * from './promotion.module';
export { PromotionService } from './promotion.service';
export { CustomerPromotionDto } from './dto/promotion-response.dto';
