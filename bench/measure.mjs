// Runs a Node.js script in this process and prints its wall time, peak resident memory and exit code as JSON on the
// last line of stdout. The script's own output is discarded. Peak memory is this process's: a script that forks
// workers is measured without them (run such tools in band).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...rest];
const started = performance.now();
const realWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (_chunk, encoding, callback) => {
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') queueMicrotask(done);
  return true;
};
process.on('exit', (code) => {
  process.stdout.write = realWrite;
  realWrite(
    `\n${JSON.stringify({ ms: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024, exitCode: code })}\n`,
  );
  process.exitCode = 0;
});
await import(pathToFileURL(path.resolve(script)).href);
