import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRuleSites, runRuleCodemod } from '../src/engine/rule-codemod.js';

const HANDLER = `import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => res.send(fs.readFileSync('a')));
`;
const RULES = { 'no-sync-io': [] };
const VIRTUAL_CWD = path.resolve('/virtual-project');

describe('rule codemod engine', () => {
  it('lints every supported extension, including TypeScript ones', () => {
    for (const ext of ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']) {
      const sites = findRuleSites({ source: HANDLER, filename: `src/routes/a${ext}`, rules: RULES, cwd: VIRTUAL_CWD });
      expect(
        sites.map((site) => `${site.ruleId} ${site.line}:${site.column}`),
        ext,
      ).toEqual(['backend-perf/no-sync-io 4:44']);
    }
  });

  it('lints files outside the working directory instead of skipping them', () => {
    const sites = findRuleSites({
      source: HANDLER,
      filename: path.resolve('/elsewhere/src/routes/a.js'),
      rules: RULES,
      cwd: VIRTUAL_CWD,
    });
    expect(sites.map((site) => site.messageId)).toEqual(['syncIoOnRequestPath']);
    const result = runRuleCodemod({
      source: HANDLER,
      filename: path.resolve('/elsewhere/src/routes/a.js'),
      codemod: 'fs-sync-to-async',
      rules: RULES,
      cwd: VIRTUAL_CWD,
    });
    expect(result.changed).toBe(true);
    expect(result.output).toContain("await fs.promises.readFile('a')");
  });

  it(
    'rewrites a file that starts with a byte order mark as it rewrites the same file without one, and keeps the ' +
      'mark',
    () => {
      const input = { filename: 'src/routes/a.js', codemod: 'fs-sync-to-async', rules: RULES, cwd: VIRTUAL_CWD };
      const plain = runRuleCodemod({ ...input, source: HANDLER });
      const marked = runRuleCodemod({ ...input, source: `\uFEFF${HANDLER}` });
      expect(plain.changed).toBe(true);
      expect(marked).toEqual({ ...plain, output: `\uFEFF${plain.output}` });
    },
  );

  describe('a file outside the working directory, in its own project', () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-engine-'));
    afterAll(() => rmSync(project, { recursive: true, force: true }));
    writeFileSync(path.join(project, 'package.json'), '{ "name": "elsewhere" }\n');
    mkdirSync(path.join(project, 'migrations'));

    it('matches start-up globs against the path inside that project', () => {
      const migration = path.join(project, 'migrations', '001-init.js');
      const route = path.join(project, 'src', 'routes', 'a.js');
      expect(findRuleSites({ source: HANDLER, filename: migration, rules: RULES, cwd: VIRTUAL_CWD })).toEqual([]);
      expect(findRuleSites({ source: HANDLER, filename: route, rules: RULES, cwd: VIRTUAL_CWD })).toHaveLength(1);
    });
  });
});
