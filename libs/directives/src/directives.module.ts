import { Module } from '@nestjs/common';
import { FederationModule } from '@crm/federation';
import { DirectiveAckMessageHandler, DirectiveMessageHandler } from './directive-message.handlers';
import { DirectiveRepository } from './directive.repository';
import { DirectiveService } from './directive.service';
import { DirectivesController } from './directives.controller';

/** 指令: directives issued by HQ and provinces, relayed down, applied and reported back up. Imported by every tier's API and worker. */
@Module({
  imports: [FederationModule],
  controllers: [DirectivesController],
  providers: [DirectiveRepository, DirectiveService, DirectiveMessageHandler, DirectiveAckMessageHandler],
  exports: [DirectiveService],
})
export class DirectivesModule {}
