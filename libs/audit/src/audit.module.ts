import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log.entity';
import { AuditService } from './audit.service';

/** The audit log, available to every domain module (global). */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditLog])], controllers: [AuditController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
