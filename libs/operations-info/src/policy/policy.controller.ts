import { UUID_PATTERN } from '../operations-info.constants';
import { keyParamPipe, operationsResourceController } from '../resource/operations-resource.controller';
import { CreatePolicyDto, ListPolicyDto, PolicyDto, UpdatePolicyDto } from './policy.dto';
import { PolicyService } from './policy.service';

/** /api/v1/operations-policies */
export const PolicyController = operationsResourceController({
  name: 'PolicyController',
  path: 'operations-policies',
  noun: '政策 policy',
  key: { param: 'id', pipe: keyParamPipe('id', UUID_PATTERN, 'must be a UUID') },
  service: PolicyService,
  dto: { create: CreatePolicyDto, update: UpdatePolicyDto, list: ListPolicyDto, item: PolicyDto },
});
