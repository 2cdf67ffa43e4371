import { District } from './entities/district.entity';

export const BaseConfigEntities = [District];
