import { generateKeyPairSync } from 'node:crypto';
import { Topology } from './topology';
import { TopologyNode } from './topology.types';

const publicKey = (): string => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function validNodes(): TopologyNode[] {
  return [
    { code: '000000', name: 'HQ', tier: 'hq', url: 'http://127.0.0.1:3100', publicKey: publicKey() },
    { code: '440000', name: 'Guangdong', tier: 'province', parent: '000000', url: 'http://127.0.0.1:3101', publicKey: publicKey() },
    { code: '440100', name: 'Guangzhou', tier: 'city', parent: '440000', url: 'http://127.0.0.1:3102', publicKey: publicKey() },
    { code: '440300', name: 'Shenzhen', tier: 'city', parent: '440000', url: 'https://sz.example.com', publicKey: publicKey() },
    { code: '320000', name: 'Jiangsu', tier: 'province', parent: '000000', url: 'http://127.0.0.1:3103', publicKey: publicKey() },
  ];
}

function parseWith(mutate: (nodes: TopologyNode[]) => void): { topology?: Topology; problems: string[] } {
  const nodes = validNodes();
  mutate(nodes);
  return Topology.parse({ nodes });
}

describe('Topology.parse', () => {
  it('accepts a valid document', () => {
    const { topology, problems } = Topology.parse({ nodes: validNodes() });
    expect(problems).toEqual([]);
    expect(topology).toBeDefined();
    expect(topology!.nodes.map((n) => n.code)).toEqual(['000000', '440000', '440100', '440300', '320000']);
    expect(topology!.get('440100')?.name).toBe('Guangzhou');
    expect(topology!.get('440100')?.parent).toBe('440000');
    expect(topology!.get('999999')).toBeUndefined();
  });

  it('copies the nodes so later changes to the document do not leak in', () => {
    const nodes = validNodes();
    const { topology } = Topology.parse({ nodes });
    nodes[2].name = 'changed';
    expect(topology!.nameOf('440100')).toBe('Guangzhou');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an object without nodes', {}],
    ['nodes that is not an array', { nodes: 'x' }],
    ['an empty nodes array', { nodes: [] }],
  ])('rejects %s', (_label, doc) => {
    const { topology, problems } = Topology.parse(doc);
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['topology must have a non-empty "nodes" array']);
  });

  it('rejects duplicate codes', () => {
    const { topology, problems } = parseWith((nodes) => nodes.push({ ...nodes[2], name: 'Guangzhou again' }));
    expect(topology).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('topology.nodes[5].code 440100 appears twice')]);
  });

  it('rejects a code that is not a node code', () => {
    const { topology, problems } = parseWith((nodes) => {
      nodes[2].code = '440106';
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('topology.nodes[2].code must be a GB/T 2260 node code (got "440106")')]);
  });

  it('rejects a node entry that is not an object', () => {
    const { topology, problems } = Topology.parse({ nodes: [...validNodes(), null] });
    expect(topology).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('topology.nodes[5].code must be a GB/T 2260 node code')]);
  });

  it('rejects a tier that does not match the code', () => {
    const { topology, problems } = parseWith((nodes) => {
      nodes[2].tier = 'province';
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['topology.nodes[2].tier must be "city" for code 440100 (got "province")']);
  });

  it('rejects an empty name', () => {
    const { problems } = parseWith((nodes) => {
      nodes[1].name = '   ';
    });
    expect(problems).toEqual(['topology.nodes[1].name is required']);
  });

  it.each(['ftp://127.0.0.1', '127.0.0.1:3101', 'http://bad host', '', undefined])('rejects url %p', (url) => {
    const { topology, problems } = parseWith((nodes) => {
      (nodes[1] as { url?: string }).url = url;
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['topology.nodes[1].url must be an http(s) URL']);
  });

  it.each(['not a key', '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----', undefined])('rejects publicKey %p', (key) => {
    const { topology, problems } = parseWith((nodes) => {
      (nodes[3] as { publicKey?: string }).publicKey = key;
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['topology.nodes[3].publicKey must be a PEM public key']);
  });

  it('reports every per-node problem at once', () => {
    const { problems } = parseWith((nodes) => {
      nodes[1].url = 'nope';
      nodes[2].tier = 'hq';
    });
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('nodes[1].url'), expect.stringContaining('nodes[2].tier')]),
    );
  });

  it('rejects a parent that is not in the topology', () => {
    const { topology, problems } = parseWith((nodes) => {
      nodes[2].parent = '450000';
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['node 440100: parent "450000" is not in the topology']);
  });

  it('rejects a missing parent on a non-HQ node', () => {
    const { problems } = parseWith((nodes) => {
      delete nodes[1].parent;
    });
    expect(problems).toEqual(['node 440000: parent undefined is not in the topology']);
  });

  it('rejects a parent of the wrong tier', () => {
    const city = parseWith((nodes) => {
      nodes[2].parent = '000000';
    });
    expect(city.topology).toBeUndefined();
    expect(city.problems).toEqual(['node 440100: parent 000000 must be a province']);

    const province = parseWith((nodes) => {
      nodes[4].parent = '440000';
    });
    expect(province.problems).toEqual(['node 320000: parent 440000 must be a hq']);
  });

  it('rejects a city outside its parent province', () => {
    const { topology, problems } = parseWith((nodes) => {
      nodes[2].parent = '320000';
    });
    expect(topology).toBeUndefined();
    expect(problems).toEqual(['node 440100: city is not inside province 320000']);
  });

  it('rejects an HQ with a parent', () => {
    const { problems } = parseWith((nodes) => {
      nodes[0].parent = '440000';
    });
    expect(problems).toEqual(['node 000000: HQ has no parent']);
  });

  it('rejects a topology without HQ', () => {
    const { topology, problems } = Topology.parse({
      nodes: validNodes()
        .filter((n) => n.code !== '000000')
        .map((n) => (n.tier === 'province' ? { ...n, parent: undefined } : n)),
    });
    expect(topology).toBeUndefined();
    expect(problems).toContain('topology has no HQ node (000000)');
  });
});

describe('Topology lookups', () => {
  const topology = Topology.parse({ nodes: validNodes() }).topology!;

  it('lists the children of a node', () => {
    expect(topology.childrenOf('000000').map((n) => n.code)).toEqual(['440000', '320000']);
    expect(topology.childrenOf('440000').map((n) => n.code)).toEqual(['440100', '440300']);
    expect(topology.childrenOf('440100')).toEqual([]);
    expect(topology.childrenOf('320000')).toEqual([]);
    expect(topology.childrenOf('999999')).toEqual([]);
  });

  it('names a node, falling back to its code', () => {
    expect(topology.nameOf('440300')).toBe('Shenzhen');
    expect(topology.nameOf('000000')).toBe('HQ');
    expect(topology.nameOf('450000')).toBe('450000');
  });
});
