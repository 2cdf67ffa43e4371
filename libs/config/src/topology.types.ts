import { Tier } from './division-code.util';

/** One node of the federation as every node sees it: public facts only. */
export interface TopologyNode {
  code: string;
  name: string;
  tier: Tier;
  /** Parent node code; absent for HQ. */
  parent?: string;
  /** Base URL of the node's HTTP API, e.g. `http://127.0.0.1:3101`. */
  url: string;
  /** Ed25519 public key (PEM, SPKI) that verifies the node's signed requests. */
  publicKey: string;
}

export interface TopologyDocument {
  nodes: TopologyNode[];
}
