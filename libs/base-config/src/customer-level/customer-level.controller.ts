import { CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateCustomerLevelDto, CustomerLevelDto, ListCustomerLevelsDto, UpdateCustomerLevelDto } from './customer-level.dto';
import { CustomerLevelService } from './customer-level.service';

/** /api/v1/customer-levels */
export const CustomerLevelController = referenceDataController({
  name: 'CustomerLevelController',
  path: 'customer-levels',
  noun: '客戶等級 customer level',
  key: { param: 'code', pipe: keyParamPipe('code', CODE_PATTERN, 'must be 1-16 letters, digits, _ or -') },
  service: CustomerLevelService,
  dto: { create: CreateCustomerLevelDto, update: UpdateCustomerLevelDto, list: ListCustomerLevelsDto, item: CustomerLevelDto },
});
