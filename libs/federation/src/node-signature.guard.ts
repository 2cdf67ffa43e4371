import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import Redis from 'ioredis';
import { NODE_AUTHENTICATED } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { REDIS_CLIENT } from '@crm/queue';
import { NODE_HEADERS, verifyNodeSignature } from './protocol/node-signature.util';
import { SecurityEventRepository } from './security-event.repository';

export type NodeRequest = Request & { rawBody?: Buffer; node?: string; id?: string };

/** Which neighbours may call a node-authenticated route. */
export type NodeSenders = 'children' | 'parent-or-children';
const NODE_SENDERS = 'crm:federation:node-senders';

/**
 * Authenticates a request as a neighbouring node: signature by the key the topology lists for the
 * claimed node, addressed to this node, fresh, never seen before (nonce), and sent by a direct
 * child (or, where the route allows it, this node's parent). Every refusal is recorded as a
 * security event.
 */
@Injectable()
export class NodeSignatureGuard implements CanActivate {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly events: SecurityEventRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<NodeRequest>();
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const claimed = header(NODE_HEADERS.node);
    const refuse = async (code: ErrorCode, reason: string, detail: string): Promise<never> => {
      await this.events.record({ reason, claimedNode: claimed, path: req.originalUrl, remoteAddress: req.ip, detail, requestId: req.id });
      throw new DomainException(code, detail);
    };

    const target = header(NODE_HEADERS.target);
    const timestamp = Number(header(NODE_HEADERS.timestamp));
    const nonce = header(NODE_HEADERS.nonce);
    const signature = header(NODE_HEADERS.signature);
    if (!claimed || !target || !nonce || !signature || !Number.isInteger(timestamp)) {
      return refuse(ErrorCode.NodeSignatureInvalid, 'missing-headers', `Node requests need headers ${Object.values(NODE_HEADERS).join(', ')}`);
    }
    const node = this.config.topology.get(claimed);
    if (!node) return refuse(ErrorCode.NodeNotAuthorized, 'unknown-node', `Node ${claimed} is not in the topology`);
    const senders = this.reflector.getAllAndOverride<NodeSenders>(NODE_SENDERS, [context.getHandler(), context.getClass()]) ?? 'children';
    const isParent = senders === 'parent-or-children' && claimed === this.config.parent?.code;
    if (node.parent !== this.config.node.code && !isParent) {
      return senders === 'children'
        ? refuse(ErrorCode.NodeNotAuthorized, 'not-a-child', `Node ${claimed} is not a child of ${this.config.node.code}`)
        : refuse(ErrorCode.NodeNotAuthorized, 'not-a-neighbour', `Node ${claimed} is neither the parent nor a child of ${this.config.node.code}`);
    }
    if (target !== this.config.node.code) {
      return refuse(ErrorCode.NodeNotAuthorized, 'wrong-target', `Request is addressed to ${target}, this is ${this.config.node.code}`);
    }
    const skew = Math.abs(Date.now() / 1000 - timestamp);
    if (skew > this.config.federation.maxClockSkewSeconds) {
      return refuse(ErrorCode.NodeSignatureInvalid, 'stale-timestamp', `Request timestamp is ${Math.round(skew)} s away from this node's clock`);
    }
    const valid = verifyNodeSignature(
      { method: req.method, path: req.originalUrl, body: req.rawBody ?? Buffer.alloc(0), sourceNode: claimed, targetNode: target, timestamp, nonce },
      signature,
      node.publicKey,
    );
    if (!valid) return refuse(ErrorCode.NodeSignatureInvalid, 'bad-signature', `Signature does not verify with ${claimed}'s key`);
    const fresh = await this.redis.set(`nonce:${claimed}:${nonce}`, '1', 'EX', this.config.federation.maxClockSkewSeconds * 2, 'NX');
    if (fresh !== 'OK') return refuse(ErrorCode.NodeRequestReplayed, 'replayed', `Nonce ${nonce} from ${claimed} was already used`);
    req.node = claimed;
    return true;
  }
}

/** The route is called by a child node (or, with 'parent-or-children', also the parent) with a signed request, not by a user. */
export const NodeAuthenticated = (senders: NodeSenders = 'children'): MethodDecorator =>
  applyDecorators(
    SetMetadata(NODE_AUTHENTICATED, true),
    SetMetadata(NODE_SENDERS, senders),
    UseGuards(NodeSignatureGuard),
    ...Object.values(NODE_HEADERS).map((name) => ApiHeader({ name, required: true })),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Bad signature, stale or replayed request' }),
  );
