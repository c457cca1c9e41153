// Starts the offline ANEEL portal on loopback and prints its URL:
//   node --conditions=@matriz/source --import tsx tools/portal/src/main.ts --port 8765 \
//     [--as-of 2024-04-01] [--data-dir DIR] [--extra-dir DIR ...]
import { parseArgs } from 'node:util';
import { startPortal } from './start-portal.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'as-of': { type: 'string' },
    'data-dir': { type: 'string' },
    'extra-dir': { type: 'string', multiple: true },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port \`${values.port}\`; give a number from 0 to 65535.`);
  process.exit(2);
}

const portal = await startPortal({
  host: '127.0.0.1',
  port,
  ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  ...(values['extra-dir'] === undefined ? {} : { extraDirs: values['extra-dir'] }),
});
console.log(portal.url);
for (const s of await portal.snapshots()) {
  console.error(`  ${s.package} ${s.dataDate} ${s.fileName} (${s.bytes} bytes)`);
}

const stop = () => {
  portal.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
