import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { QueueName } from '@crm/queue';
import { ImportController } from './import.controller';
import { ImportEntities } from './import.entities';
import { ImportJobRepository } from './import-job.repository';
import { ImportQueueService } from './import-queue.service';
import { ImportTargetRegistry } from './import-target.registry';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { importUploadOptions } from './import-upload.util';
import { ImportService } from './import.service';

/**
 * Bulk imports (導入), API side: upload, follow, rejected rows, templates. The kinds it accepts
 * are those whose ImportTarget (`@ProvidesImportTarget()`) some module of the app provides.
 */
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature(ImportEntities),
    BullModule.registerQueue({ name: QueueName.Import }),
    MulterModule.registerAsync({ inject: [NODE_CONFIG], useFactory: (config: NodeConfig) => importUploadOptions(config) }),
  ],
  controllers: [ImportController],
  providers: [ImportJobRepository, ImportQueueService, ImportService, ImportTargetRegistry, ImportUploadInterceptor],
  exports: [ImportJobRepository, ImportQueueService, ImportService, ImportTargetRegistry],
})
export class ImportModule {}
