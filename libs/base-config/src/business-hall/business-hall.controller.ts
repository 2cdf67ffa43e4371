import { CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { BusinessHallDto, CreateBusinessHallDto, ListBusinessHallsDto, UpdateBusinessHallDto } from './business-hall.dto';
import { BusinessHallService } from './business-hall.service';

/** /api/v1/business-halls */
export const BusinessHallController = referenceDataController({
  name: 'BusinessHallController',
  path: 'business-halls',
  noun: '營業廳 business hall',
  key: { param: 'code', pipe: keyParamPipe('code', CODE_PATTERN, 'must be 1-16 letters, digits, _ or -') },
  service: BusinessHallService,
  dto: { create: CreateBusinessHallDto, update: UpdateBusinessHallDto, list: ListBusinessHallsDto, item: BusinessHallDto },
});
