import { UUID_PATTERN } from '../operations-info.constants';
import { keyParamPipe, operationsResourceController } from '../resource/operations-resource.controller';
import { CreateMacroInfoDto, ListMacroInfoDto, MacroInfoDto, UpdateMacroInfoDto } from './macro-info.dto';
import { MacroInfoService } from './macro-info.service';

/** /api/v1/macro-info-items */
export const MacroInfoController = operationsResourceController({
  name: 'MacroInfoController',
  path: 'macro-info-items',
  noun: '宏觀信息 macro information item',
  key: { param: 'id', pipe: keyParamPipe('id', UUID_PATTERN, 'must be a UUID') },
  service: MacroInfoService,
  dto: { create: CreateMacroInfoDto, update: UpdateMacroInfoDto, list: ListMacroInfoDto, item: MacroInfoDto },
});
