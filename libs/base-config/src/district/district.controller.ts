import { DISTRICT_CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateDistrictDto, DistrictDto, ListDistrictsDto, UpdateDistrictDto } from './district.dto';
import { DistrictService } from './district.service';

/** /api/v1/districts */
export const DistrictController = referenceDataController({
  name: 'DistrictController',
  path: 'districts',
  noun: '區縣 district',
  key: { param: 'code', pipe: keyParamPipe('code', DISTRICT_CODE_PATTERN, 'must be a 6-digit district code') },
  service: DistrictService,
  dto: { create: CreateDistrictDto, update: UpdateDistrictDto, list: ListDistrictsDto, item: DistrictDto },
});
