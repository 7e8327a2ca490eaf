#!/usr/bin/env node
// `npm run certs [-- --dir <folder>] [--days <n>]`: makes local development certificates for the add-in with
// office-addin-dev-certs' own generation (a CA and a localhost certificate signed by it, offline), then prints the
// environment that makes Quadrant serve HTTPS with them and the one manual step: trusting the CA. We skip
// office-addin-dev-certs' `install` step on purpose: it needs sudo and a system certificate store.
import { generateCertificates } from 'office-addin-dev-certs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const dir = resolve(option('--dir', join(homedir(), '.office-addin-dev-certs')));
const days = Number(option('--days', '30'));
if (!Number.isInteger(days) || days < 1) {
  console.error(`certs: --days must be a whole number of days, got "${option('--days')}"`);
  process.exit(1);
}
const files = { ca: join(dir, 'ca.crt'), cert: join(dir, 'localhost.crt'), key: join(dir, 'localhost.key') };
await generateCertificates(files.ca, files.cert, files.key, days, ['127.0.0.1', 'localhost']);
console.log(`Certificates for localhost and 127.0.0.1, valid ${days} days:
  CA           ${files.ca}
  certificate  ${files.cert}
  key          ${files.key}

Serve Quadrant over HTTPS with them:
  QUADRANT_TLS_CERT=${files.cert} QUADRANT_TLS_KEY=${files.key} npm start

Then trust the CA once (needs administrator rights), so Excel and browsers accept https://localhost:4000:
  Windows  certutil -addstore -user root "${files.ca}"
  macOS    sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${files.ca}"
  Debian   sudo cp "${files.ca}" /usr/local/share/ca-certificates/quadrant-dev-ca.crt && sudo update-ca-certificates`);
