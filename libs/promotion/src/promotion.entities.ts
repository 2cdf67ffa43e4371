import { Promotion, PromotionCustomer } from './entities';

export const PromotionEntities = [Promotion, PromotionCustomer];
