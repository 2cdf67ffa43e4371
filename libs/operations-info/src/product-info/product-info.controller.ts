import { UUID_PATTERN } from '../operations-info.constants';
import { keyParamPipe, operationsResourceController } from '../resource/operations-resource.controller';
import { CreateProductInfoDto, ListProductInfoDto, ProductInfoDto, UpdateProductInfoDto } from './product-info.dto';
import { ProductInfoService } from './product-info.service';

/** /api/v1/product-service-info */
export const ProductInfoController = operationsResourceController({
  name: 'ProductInfoController',
  path: 'product-service-info',
  noun: '產品與服務信息 product and service information',
  key: { param: 'id', pipe: keyParamPipe('id', UUID_PATTERN, 'must be a UUID') },
  service: ProductInfoService,
  dto: { create: CreateProductInfoDto, update: UpdateProductInfoDto, list: ListProductInfoDto, item: ProductInfoDto },
});
