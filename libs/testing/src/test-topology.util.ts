import { generateKeyPairSync } from 'node:crypto';
import { Tier, TopologyDocument } from '@crm/config';

export interface NodeKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateNodeKeys(): NodeKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface TestNodeSpec {
  code: string;
  name: string;
  tier: Tier;
  parent?: string;
  port: number;
}

/** A topology document for the given nodes, with fresh keys for each. */
export function buildTestTopology(specs: TestNodeSpec[]): { topology: TopologyDocument; keys: Map<string, NodeKeys> } {
  const keys = new Map(specs.map((s) => [s.code, generateNodeKeys()]));
  return {
    keys,
    topology: {
      nodes: specs.map((s) => ({
        code: s.code,
        name: s.name,
        tier: s.tier,
        parent: s.parent,
        url: `http://127.0.0.1:${s.port}`,
        publicKey: keys.get(s.code)!.publicKeyPem,
      })),
    },
  };
}
