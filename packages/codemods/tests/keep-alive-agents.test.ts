import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import transform, { agentsModuleFor, agentsModuleSource, runRefactor } from '../src/transforms/keep-alive-agents.js';
import type { API } from 'jscodeshift';
import { fixturePath } from './fixture-path.js';

const fixtures = fixturePath('keep-alive-agents');

interface CaseOptions {
  options?: { agentsModule?: string };
  settings?: Record<string, unknown>;
  filename: string;
}

/** Each case folder has a package.json, so the case folder is the package root its `filename` lives in. */
function loadCase(name: string) {
  const dir = path.join(fixtures, name);
  const files = readdirSync(dir);
  const inputName = files.find((file) => file.startsWith('input.')) as string;
  const outputName = files.find((file) => file.startsWith('output.'));
  const config = JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as CaseOptions;
  return {
    dir,
    input: readFileSync(path.join(dir, inputName), 'utf8'),
    output: outputName ? readFileSync(path.join(dir, outputName), 'utf8') : null,
    filename: path.join(dir, config.filename),
    options: { ...(config.settings ? { settings: config.settings } : {}), ...config.options, cwd: dir },
  };
}

describe('keep-alive-agents across files (runRefactor)', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'keep-alive-agents-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  function write(relative: string, text: string): void {
    mkdirSync(path.dirname(path.join(project, relative)), { recursive: true });
    writeFileSync(path.join(project, relative), text);
  }

  write('package.json', JSON.stringify({ name: 'shop', type: 'module', engines: { node: '>=18' } }));
  write(
    'src/clients/catalog.js',
    "import axios from 'axios';\n\n" +
      "export const catalog = axios.create({ baseURL: 'https://catalog.internal', timeout: 2000 });\n",
  );
  write(
    'src/clients/reviews.js',
    "import got from 'got';\n\n" +
      "export const reviews = got.extend({ prefixUrl: 'https://reviews.internal', timeout: { request: 2000 } });\n",
  );
  write('src/routes/health.js', 'export function health(req, res) {\n  res.json({ ok: true });\n}\n');
  const files = ['src/clients/catalog.js', 'src/clients/reviews.js', 'src/routes/health.js'];

  it('returns the rewritten files and one created agents module, and writes nothing when dry', () => {
    const result = runRefactor({ files, cwd: project, dry: true, options: {} });
    expect(result.reports).toEqual([]);
    expect(result.changes.map((change) => path.relative(project, change.path))).toEqual([
      path.join('src', 'clients', 'catalog.js'),
      path.join('src', 'clients', 'reviews.js'),
      path.join('src', 'http-agents.js'),
    ]);
    const created = result.changes.at(2);
    expect(created?.before).toBeNull();
    expect(created?.after).toBe(
      agentsModuleSource({
        file: path.join(project, 'src', 'http-agents.js'),
        format: 'esm',
        typescript: false,
        modernSyntax: true,
      }),
    );
    expect(result.changes[0]?.after).toBe(
      "import axios from 'axios';\nimport { httpAgent, httpsAgent } from '../http-agents.js';\n\n" +
        "export const catalog = axios.create({ baseURL: 'https://catalog.internal', timeout: 2000, httpAgent, " +
        'httpsAgent });\n',
    );
    expect(existsSync(path.join(project, 'src', 'http-agents.js'))).toBe(false);
  });

  it('writes the changes, and a second run finds nothing to do', () => {
    runRefactor({ files, cwd: project, dry: false, options: {} });
    expect(readFileSync(path.join(project, 'src', 'http-agents.js'), 'utf8')).toContain('keepAlive: true');
    expect(readFileSync(path.join(project, 'src', 'clients', 'reviews.js'), 'utf8')).toContain(
      'agent: { http: httpAgent, https: httpsAgent }',
    );
    expect(runRefactor({ files, cwd: project, dry: false, options: {} }).changes).toEqual([]);
  });
});

describe('the per-file transform', () => {
  it('rewrites the file, writes no other file, and reports the missing agents module', () => {
    const fixture = loadCase('cjs-clients');
    const reports: string[] = [];
    const api = { report: (message: string) => reports.push(message) } as unknown as API;
    const output = transform({ path: fixture.filename, source: fixture.input }, api, {
      settings: fixture.options.settings,
      agentsModule: 'src/http-agents.js',
    });
    expect(output).toBe(fixture.output);
    expect(existsSync(path.join(fixture.dir, 'src'))).toBe(false);
    expect(reports).toEqual([
      `${fixture.filename}: imports the shared agents module ${path.join(fixture.dir, 'src', 'http-agents.js')}, ` +
        `which does not exist yet; \`backend-perf migrate keep-alive-agents\` creates it`,
    ]);
  });

  it('returns nothing for a file without findings', () => {
    const fixture = loadCase('node22-unchanged');
    const api = { report: () => undefined } as unknown as API;
    expect(
      transform({ path: fixture.filename, source: fixture.input }, api, { settings: fixture.options.settings }),
    ).toBeUndefined();
  });
});

describe('where the agents module goes', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'agents-location-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'esm', 'src'), { recursive: true });
  writeFileSync(path.join(root, 'esm', 'package.json'), JSON.stringify({ type: 'module' }));
  mkdirSync(path.join(root, 'cjs'), { recursive: true });
  writeFileSync(path.join(root, 'cjs', 'package.json'), JSON.stringify({ name: 'cjs' }));
  const esm = "import axios from 'axios';\n";
  const cjs = "const axios = require('axios');\n";

  it('keeps the module format of the importing file under the package type', () => {
    expect(agentsModuleFor(path.join(root, 'esm', 'src', 'a.js'), esm, root)).toEqual({
      file: path.join(root, 'esm', 'src', 'http-agents.js'),
      format: 'esm',
      typescript: false,
      modernSyntax: true,
    });
    expect(agentsModuleFor(path.join(root, 'esm', 'src', 'a.js'), cjs, root).file).toBe(
      path.join(root, 'esm', 'src', 'http-agents.cjs'),
    );
    expect(agentsModuleFor(path.join(root, 'cjs', 'lib', 'a.js'), esm, root).file).toBe(
      path.join(root, 'cjs', 'http-agents.mjs'),
    );
    expect(agentsModuleFor(path.join(root, 'cjs', 'lib', 'a.js'), cjs, root).file).toBe(
      path.join(root, 'cjs', 'http-agents.js'),
    );
    expect(agentsModuleFor(path.join(root, 'cjs', 'lib', 'a.ts'), esm, root)).toMatchObject({
      typescript: true,
      format: 'esm',
    });
  });

  it("writes `node:` specifiers and numeric separators only when the package's engines allow no Node before 16", () => {
    mkdirSync(path.join(root, 'old'), { recursive: true });
    writeFileSync(path.join(root, 'old', 'package.json'), JSON.stringify({ name: 'old', engines: { node: '>=10' } }));
    const old = agentsModuleFor(path.join(root, 'old', 'a.js'), cjs, root);
    expect(old).toEqual({
      file: path.join(root, 'old', 'http-agents.js'),
      format: 'cjs',
      typescript: false,
      modernSyntax: false,
    });
    expect(agentsModuleSource(old)).toBe(
      [
        '// Shared keep-alive agents for outbound HTTP, created once per process (backend-perf keep-alive-agents).',
        '// Clients that use them reuse open connections instead of paying a TCP (and TLS) handshake per request.',
        '// maxSockets bounds the connections per upstream host; timeout closes sockets idle that long (keep it below',
        "// the upstream's own idle timeout, or reused sockets may fail with ECONNRESET).",
        "'use strict';",
        '',
        "const http = require('http');",
        "const https = require('https');",
        '',
        "const options = { keepAlive: true, maxSockets: 50, maxFreeSockets: 10, timeout: 30000, scheduling: 'lifo' };",
        '',
        'const httpAgent = new http.Agent(options);',
        'const httpsAgent = new https.Agent(options);',
        '',
        '/** For clients that take one agent for both protocols (node-fetch): the agent for the request URL. */',
        'function agentFor(url) {',
        "  return url.protocol === 'http:' ? httpAgent : httpsAgent;",
        '}',
        '',
        'module.exports = { httpAgent, httpsAgent, agentFor };',
        '',
      ].join('\n'),
    );
    expect(agentsModuleSource({ ...old, modernSyntax: true })).toContain("const http = require('node:http');");
  });

  it('takes a configured path relative to the package root, adding the extension when it has none', () => {
    expect(agentsModuleFor(path.join(root, 'esm', 'src', 'a.js'), esm, root, 'src/lib/agents').file).toBe(
      path.join(root, 'esm', 'src', 'lib', 'agents.js'),
    );
    expect(agentsModuleFor(path.join(root, 'esm', 'src', 'a.js'), esm, root, 'src/lib/agents.cjs').format).toBe('cjs');
  });
});

describe('the generated agents module', () => {
  it('is valid CommonJS with keep-alive agents', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agents-module-'));
    try {
      const file = path.join(dir, 'http-agents.cjs');
      writeFileSync(file, agentsModuleSource({ file, format: 'cjs', typescript: false, modernSyntax: false }));
      const { createRequire } = await import('node:module');
      const agents = createRequire(import.meta.url)(file) as typeof import('node:http') & Record<string, unknown>;
      const httpAgent = agents.httpAgent as import('node:http').Agent & { keepAlive: boolean };
      expect(httpAgent.keepAlive).toBe(true);
      expect(httpAgent.maxSockets).toBe(50);
      expect((agents.agentFor as (url: URL) => unknown)(new URL('https://a.example'))).toBe(agents.httpsAgent);
      httpAgent.destroy();
      (agents.httpsAgent as import('node:https').Agent).destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
