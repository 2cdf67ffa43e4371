#!/usr/bin/env node
'use strict';
/** Copies the non-TypeScript files libraries read at run time (each `libs/<name>/src/assets` folder) into `dist/`, next to the compiled code. */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
let copied = 0;
for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
  const from = path.join(root, 'libs', lib, 'src', 'assets');
  if (!fs.existsSync(from)) continue;
  fs.cpSync(from, path.join(root, 'dist', 'libs', lib, 'src', 'assets'), { recursive: true });
  copied += 1;
}
if (process.env.CRM_BUILD_VERBOSE) process.stderr.write(`assets of ${copied} libraries copied\n`);
