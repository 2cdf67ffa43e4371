import { HQ_CODE, Tier, tierOfDivisionCode } from './division-code.util';
import { TopologyDocument, TopologyNode } from './topology.types';

/** The federation's node registry, validated; lookups by code, parent and children. */
export class Topology {
  private readonly byCode: Map<string, TopologyNode>;

  private constructor(readonly nodes: readonly TopologyNode[]) {
    this.byCode = new Map(nodes.map((n) => [n.code, n]));
  }

  /** Validates a topology document; returns the problems found, or the topology. */
  static parse(doc: unknown): { topology?: Topology; problems: string[] } {
    const problems: string[] = [];
    const nodes = (doc as TopologyDocument | undefined)?.nodes;
    if (!Array.isArray(nodes) || nodes.length === 0) {
      return { problems: ['topology must have a non-empty "nodes" array'] };
    }
    const seen = new Set<string>();
    nodes.forEach((n, i) => {
      const at = `topology.nodes[${i}]`;
      if (typeof n?.code !== 'string' || !tierOfDivisionCode(n.code)) {
        problems.push(`${at}.code must be a GB/T 2260 node code (got ${JSON.stringify(n?.code)})`);
        return;
      }
      if (seen.has(n.code)) problems.push(`${at}.code ${n.code} appears twice`);
      seen.add(n.code);
      if (n.tier !== tierOfDivisionCode(n.code)) {
        problems.push(`${at}.tier must be "${tierOfDivisionCode(n.code)}" for code ${n.code} (got ${JSON.stringify(n.tier)})`);
      }
      if (typeof n.name !== 'string' || !n.name.trim()) problems.push(`${at}.name is required`);
      if (typeof n.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(n.url)) problems.push(`${at}.url must be an http(s) URL`);
      if (typeof n.publicKey !== 'string' || !n.publicKey.includes('BEGIN PUBLIC KEY')) {
        problems.push(`${at}.publicKey must be a PEM public key`);
      }
    });
    if (problems.length) return { problems };
    for (const n of nodes) {
      if (n.tier === 'hq') {
        if (n.parent) problems.push(`node ${n.code}: HQ has no parent`);
        continue;
      }
      const parent = nodes.find((p) => p.code === n.parent);
      const expectedParentTier: Tier = n.tier === 'city' ? 'province' : 'hq';
      if (!parent) problems.push(`node ${n.code}: parent ${JSON.stringify(n.parent)} is not in the topology`);
      else if (parent.tier !== expectedParentTier) problems.push(`node ${n.code}: parent ${parent.code} must be a ${expectedParentTier}`);
      else if (n.tier === 'city' && parent.code.slice(0, 2) !== n.code.slice(0, 2)) {
        problems.push(`node ${n.code}: city is not inside province ${parent.code}`);
      }
    }
    if (!nodes.some((n) => n.code === HQ_CODE)) problems.push('topology has no HQ node (000000)');
    return problems.length ? { problems } : { topology: new Topology(nodes.map((n) => ({ ...n }))), problems };
  }

  get(code: string): TopologyNode | undefined {
    return this.byCode.get(code);
  }

  childrenOf(code: string): TopologyNode[] {
    return this.nodes.filter((n) => n.parent === code);
  }

  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }
}
