import { STATUS_CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateCustomerStatusDto, CustomerStatusDto, ListCustomerStatusesDto, UpdateCustomerStatusDto } from './customer-status.dto';
import { CustomerStatusService } from './customer-status.service';

/** /api/v1/customer-statuses */
export const CustomerStatusController = referenceDataController({
  name: 'CustomerStatusController',
  path: 'customer-statuses',
  noun: '客戶狀態 customer status',
  key: { param: 'code', pipe: keyParamPipe('code', STATUS_CODE_PATTERN, 'must be 1-16 lower-case letters, digits or _') },
  service: CustomerStatusService,
  dto: { create: CreateCustomerStatusDto, update: UpdateCustomerStatusDto, list: ListCustomerStatusesDto, item: CustomerStatusDto },
});
