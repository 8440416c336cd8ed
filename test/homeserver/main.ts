/**
 * Runs the test homeserver on its own, to point the demo or a client at it:
 *   node scripts/run-ts.mjs test/homeserver/main.ts [--port 8008] [--server-name localhost] [--host 127.0.0.1]
 * Prints the URL and the registration shared secret; Ctrl-C stops it.
 */
import { startTestHomeserver } from './server.js';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const port = option('port');
const hs = await startTestHomeserver({
  port: port ? Number(port) : 8008,
  ...(option('server-name') ? { serverName: option('server-name') } : {}),
  ...(option('host') ? { host: option('host') } : {}),
});
console.log(`test homeserver: ${hs.url}`);
console.log(`  server name: ${hs.serverName}`);
console.log(`  registration shared secret: ${hs.registrationSharedSecret}`);
const stop = () => void hs.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
