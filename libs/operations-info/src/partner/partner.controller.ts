import { UUID_PATTERN } from '../operations-info.constants';
import { keyParamPipe, operationsResourceController } from '../resource/operations-resource.controller';
import { CreatePartnerDto, ListPartnerDto, PartnerDto, UpdatePartnerDto } from './partner.dto';
import { PartnerService } from './partner.service';

/** /api/v1/partners */
export const PartnerController = operationsResourceController({
  name: 'PartnerController',
  path: 'partners',
  noun: '合作夥伴 partner',
  key: { param: 'id', pipe: keyParamPipe('id', UUID_PATTERN, 'must be a UUID') },
  service: PartnerService,
  dto: { create: CreatePartnerDto, update: UpdatePartnerDto, list: ListPartnerDto, item: PartnerDto },
});
