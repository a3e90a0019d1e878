// Runs a Node.js script in this process and prints its wall time and peak resident memory as JSON on the last line.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...rest];
const started = performance.now();
const realWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true; // the measured command's own output is not needed
process.on('exit', () => {
  process.stdout.write = realWrite;
  realWrite(`\n${JSON.stringify({ ms: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
  process.exitCode = 0;
});
await import(pathToFileURL(path.resolve(script)).href);
