import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NODE_MESSAGE_HANDLER, NodeMessageHandler } from './node-message-handler';

/** The NodeMessageHandlers of this node's modules, by message type. */
@Injectable()
export class NodeMessageRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, NodeMessageHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as NodeMessageHandler | undefined;
      if (!instance || !wrapper.metatype || !Reflect.getMetadata(NODE_MESSAGE_HANDLER, wrapper.metatype)) continue;
      if (this.handlers.has(instance.type)) throw new Error(`Two handlers for node message type ${instance.type}`);
      this.handlers.set(instance.type, instance);
    }
  }

  get(type: string): NodeMessageHandler | undefined {
    return this.handlers.get(type);
  }
}
