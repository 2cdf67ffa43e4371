import { MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { json } from 'express';
import { ServiceModule } from '@crm/service';
import { tmfBodyErrorHandler } from './tmf-exception.filter';
import { TMF621_BASE_PATH } from './tmf621.constants';
import { TroubleTicketController } from './trouble-ticket.controller';
import { TroubleTicketService } from './trouble-ticket.service';

/**
 * TMF621 Trouble Ticket v4 facade (city). Two pieces of HTTP plumbing, both limited to its path:
 * - `application/merge-patch+json` bodies are parsed as JSON (the app-wide parser takes only
 *   application/json), with the same 1 MB limit;
 * - an Express error handler answers body-parser failures (malformed JSON, too large) on the
 *   facade's path as TMF Error bodies. Those fail before routing, so the controller's exception
 *   filter never sees them; the handler is added in onModuleInit, i.e. after the routes and before
 *   Nest's own error handler (registered after the init hooks).
 */
@Module({
  imports: [ServiceModule],
  controllers: [TroubleTicketController],
  providers: [TroubleTicketService],
})
export class Tmf621Module implements NestModule, OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(json({ type: 'application/merge-patch+json', limit: '1mb' })).forRoutes(TroubleTicketController);
  }

  onModuleInit(): void {
    this.adapterHost.httpAdapter?.use(TMF621_BASE_PATH, tmfBodyErrorHandler);
  }
}
