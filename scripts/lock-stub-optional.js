#!/usr/bin/env node
// The registry these machines reach serves only the linux-x64 builds of native packages, so `npm install`
// cannot record the other platforms' optional packages and `npm ci` then refuses the lockfile
// ("Missing: @swc/core-darwin-arm64@ from lock file"). This adds a version-pinned, platform-tagged entry
// for each such optional package; npm skips them on linux-x64 and fetches them on the platforms they are for.
// Run after any `npm install` that changes the lockfile: `node scripts/lock-stub-optional.js`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix', 'netbsd', 'openharmony', 'wasm32'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
let added = 0;
for (const [loc, meta] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies || {})) {
    const base = loc ? `${loc}/node_modules/${name}` : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (pkgs[base] || pkgs[top]) continue;
    const parts = name.split('/').pop().split('-');
    const entry = { version, optional: true };
    if (meta.dev) entry.dev = true;
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (os) entry.os = [os === 'wasm32' ? 'wasi' : os];
    if (cpu) entry.cpu = [cpu];
    pkgs[top] = entry;
    added += 1;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-stub-optional: added ${added} platform entries`);
