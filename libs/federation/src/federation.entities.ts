import { Fact, FactSlice, InboxBatch, MessageInbox, MessageOutbox, OutboxBatch, SecurityEvent } from './entities';

export const FederationEntities = [Fact, FactSlice, InboxBatch, OutboxBatch, SecurityEvent, MessageOutbox, MessageInbox];
