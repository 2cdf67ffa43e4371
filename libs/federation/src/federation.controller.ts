import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { RequestId } from '@crm/logging';
import { ChildrenService } from './children.service';
import { ChildrenResponseDto } from './dto/children.dto';
import { OutboxPageDto, OutboxQueryDto } from './dto/outbox-list.dto';
import { InboxReceiptDto, PublicationResultDto } from './dto/publication-result.dto';
import { PublishRequestDto } from './dto/publish-request.dto';
import { MessageOutboxPageDto, MessageOutboxQueryDto } from './dto/message-list.dto';
import { InboxService } from './inbox.service';
import { MessageInboxService } from './messages/message-inbox.service';
import { MessageOutboxRepository } from './messages/message-outbox.repository';
import { NodeMessageDto, NodeMessageReceiptDto } from './protocol/node-message.dto';
import { NodeAuthenticated, NodeRequest } from './node-signature.guard';
import { OutboxRepository } from './outbox.repository';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { PublicationService } from './publication.service';

@ApiTags('federation')
@Controller('api/v1/federation')
export class FederationController {
  constructor(
    private readonly inbox: InboxService,
    private readonly publication: PublicationService,
    private readonly children: ChildrenService,
    private readonly outbox: OutboxRepository,
    private readonly messages: MessageInboxService,
    private readonly messageOutbox: MessageOutboxRepository,
  ) {}

  @Post('inbox')
  @HttpCode(202)
  @NodeAuthenticated()
  @ApiOperation({ summary: 'Receive a fact batch from a child node (node-signed)', description: 'Stored durably before 202; applied by a job. Re-sending the same batch is harmless.' })
  @ApiAcceptedResponse({ type: InboxReceiptDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Same batch key, different content' })
  receive(@Body() batch: FactBatchDto, @Req() req: NodeRequest, @RequestId() requestId: string): Promise<InboxReceiptDto> {
    return this.inbox.receive(batch, req.node as string, { path: req.originalUrl, requestId, remoteAddress: req.ip });
  }

  @Post('messages')
  @HttpCode(202)
  @NodeAuthenticated('parent-or-children')
  @ApiOperation({
    summary: 'Receive a node message from the parent or a child (node-signed)',
    description: 'Directives and their acknowledgements, escalations and decisions. Stored durably before 202; applied by a job. Re-sending the same message is harmless.',
  })
  @ApiAcceptedResponse({ type: NodeMessageReceiptDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Same messageId, different content' })
  receiveMessage(@Body() message: NodeMessageDto, @Req() req: NodeRequest, @RequestId() requestId: string): Promise<NodeMessageReceiptDto> {
    return this.messages.receive(message, req.node as string, { path: req.originalUrl, requestId, remoteAddress: req.ip });
  }

  @Get('messages/outbox')
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'Node messages this node sends (pending, delivered, rejected)' })
  @ApiOkResponse({ type: MessageOutboxPageDto })
  async listMessageOutbox(@Query() q: MessageOutboxQueryDto): Promise<MessageOutboxPageDto> {
    const [rows, total] = await this.messageOutbox.list(q, q.page, q.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id, messageId: r.messageId, targetNode: r.targetNode, type: r.type, subject: r.subject, version: r.version, status: r.status, attempts: r.attempts,
        lastError: r.lastError, createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt?.toISOString() ?? null,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  @Post('publish')
  @HttpCode(200)
  @RequirePermissions(Permission.FederationPublish)
  @ApiOperation({ summary: 'Publish facts to the parent now', description: 'A city recomputes its fact sets for the days given (default: the configured window) and sends the changed ones; any node re-queues pending deliveries.' })
  @ApiOkResponse({ type: PublicationResultDto })
  publish(@Body() dto: PublishRequestDto, @RequestId() requestId: string): Promise<PublicationResultDto> {
    return this.publication.publish(requestId, dto.from, dto.to, dto.force ?? false);
  }

  @Get('children')
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'Child nodes with their last batch and lag' })
  @ApiOkResponse({ type: ChildrenResponseDto })
  listChildren(): Promise<ChildrenResponseDto> {
    return this.children.list();
  }

  @Get('outbox')
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'Batches this node sends (pending, delivered, rejected)' })
  @ApiOkResponse({ type: OutboxPageDto })
  async listOutbox(@Query() q: OutboxQueryDto): Promise<OutboxPageDto> {
    const [rows, total] = await this.outbox.list(q.status, q.page, q.pageSize);
    return {
      items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt?.toISOString() ?? null })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
