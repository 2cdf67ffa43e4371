import { Module } from '@nestjs/common';
import { ImportModule } from './import.module';
import { ImportRecoveryService } from './jobs/import-recovery.service';
import { ImportProcessor } from './jobs/import.processor';
import { ImportRunnerService } from './import-runner.service';

/** The import job (streaming parse, batches, progress, rejections); imported by worker entries only. */
@Module({
  imports: [ImportModule],
  providers: [ImportRunnerService, ImportProcessor, ImportRecoveryService],
  exports: [ImportRunnerService],
})
export class ImportWorkerModule {}
