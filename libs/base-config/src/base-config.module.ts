import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseConfigEntities } from './base-config.entities';

/** 基礎配置: regions and districts, business halls, customer levels and statuses, departments, industries, staff. */
@Module({ imports: [TypeOrmModule.forFeature(BaseConfigEntities)], exports: [TypeOrmModule] })
export class BaseConfigModule {}
