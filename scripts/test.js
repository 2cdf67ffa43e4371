#!/usr/bin/env node
'use strict';
/**
 * `npm test`: everything from a fresh clone. Installs npm packages when absent, type-checks,
 * then runs every Jest suite (unit, integration, end-to-end); the Jest global setup provides
 * PostgreSQL and Redis (testcontainers when Docker answers, native binaries otherwise).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const step = (cmd, args) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (res.status !== 0) process.exit(res.status ?? 1);
};

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) step('npm', ['ci', '--no-audit', '--no-fund']);
step('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']); // type-checks tests too
step('npm', ['run', '--silent', 'build']); // entry-point tests run the built dist/
step('npx', ['jest', '--ci', ...process.argv.slice(2)]);
