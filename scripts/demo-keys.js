#!/usr/bin/env node
'use strict';
/**
 * Generates the demo federation's identities once (kept on later runs): an Ed25519 key pair
 * per node, per-node JWT secrets and city PII keys, and the topology files (native URLs and
 * Docker Compose service URLs). Usage: node scripts/demo-keys.js [--out .data/keys]
 */
const { generateKeyPairSync, createPrivateKey, createPublicKey, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const nodes = require('./lib/demo-topology');

function generate(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  // containers run as another user and must read the keys and topology (secrets stay 0600)
  fs.chmodSync(outDir, 0o755);
  const secretsFile = path.join(outDir, 'secrets.json');
  const secrets = fs.existsSync(secretsFile) ? JSON.parse(fs.readFileSync(secretsFile, 'utf8')) : {};
  const publicKeys = {};
  for (const n of nodes) {
    const keyFile = path.join(outDir, `${n.code}.pem`);
    if (!fs.existsSync(keyFile)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
    }
    publicKeys[n.code] = createPublicKey(createPrivateKey(fs.readFileSync(keyFile, 'utf8'))).export({ type: 'spki', format: 'pem' }).toString();
    secrets[n.code] ??= {};
    secrets[n.code].jwtSecret ??= randomBytes(32).toString('hex');
    if (n.tier === 'city') secrets[n.code].piiKey ??= randomBytes(32).toString('hex');
  }
  fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const topology = (url) => ({
    nodes: nodes.map((n) => ({ code: n.code, name: n.name, tier: n.tier, ...(n.parent ? { parent: n.parent } : {}), url: url(n), publicKey: publicKeys[n.code] })),
  });
  fs.writeFileSync(path.join(outDir, 'topology.json'), JSON.stringify(topology((n) => `http://127.0.0.1:${n.port}`), null, 2));
  fs.writeFileSync(path.join(outDir, 'topology.compose.json'), JSON.stringify(topology((n) => `http://${n.service}:${n.port}`), null, 2));
  // Docker Compose shares one env file across services (tokens stay per node: issuer = node code)
  secrets.compose ??= { jwtSecret: randomBytes(32).toString('hex'), piiKey: randomBytes(32).toString('hex') };
  fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  fs.writeFileSync(path.join(outDir, 'secrets.env'), `CRM_JWT_SECRET=${secrets.compose.jwtSecret}\nCRM_PII_KEY=${secrets.compose.piiKey}\n`, { mode: 0o600 });
  return { secrets, topologyFile: path.join(outDir, 'topology.json') };
}

module.exports = { generate };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = path.resolve(i > 0 ? process.argv[i + 1] : path.join(__dirname, '..', '.data', 'keys'));
  generate(out);
  process.stdout.write(`keys and topology in ${out}\n`);
}
