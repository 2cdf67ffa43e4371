import { INDUSTRY_CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateIndustryDto, IndustryDto, ListIndustriesDto, UpdateIndustryDto } from './industry.dto';
import { IndustryService } from './industry.service';

/** /api/v1/industries */
export const IndustryController = referenceDataController({
  name: 'IndustryController',
  path: 'industries',
  noun: '行業 industry',
  key: { param: 'code', pipe: keyParamPipe('code', INDUSTRY_CODE_PATTERN, 'must be a GB/T 4754 section letter or a 2-4 digit code') },
  service: IndustryService,
  dto: { create: CreateIndustryDto, update: UpdateIndustryDto, list: ListIndustriesDto, item: IndustryDto },
});
