/**
 * The shared fixture runner of every codemod. It discovers `tests/fixtures/<codemod>/<case>/` folders itself (nobody
 * keeps a list) and, for each case, runs the codemod named by the folder on `input.<ext>` and checks:
 *
 * - the result equals `output.<ext>`, or the transform returns `undefined` when the case has no `output.*` file;
 * - a second run on the result returns `undefined` (the codemod is idempotent);
 * - the result parses with the parser that read the input (`outputProblem`: espree for JavaScript it reads);
 * - the codemod's rules (`meta.rules`, run with `meta.ruleOptions`) report at least once on the input of a changed
 *   case, and exactly `remainingReports` times on the result;
 * - line endings are kept (CRLF stays CRLF, LF stays LF);
 * - the runner's detection pass (`detectCodemodSites`, one parse for every codemod) finds the codemod's sites on
 *   the input of every changed case, and running the codemod after it (on that shared parse) gives the same result.
 *
 * A case may have an `options.json`:
 * - `options`: the codemod's own options (`{ "annotate": true }`);
 * - `settings`: ESLint settings, e.g. `{ "backend-perf": { "startupFiles": ["src/boot/**"] } }`;
 * - `filename`: the path the file is given during the run, relative to a virtual project directory
 *   (`VIRTUAL_CWD`, which is also the run's working directory). Default: `src/routes/<case>.<ext>`. The file is
 *   never read from that path; the name only matters to the request-path model (start-up globs) and the parser;
 * - `remainingReports`: how many reports the rules still make on the result (default 0);
 * - `reports`: what the codemod reports for review (`api.report`), exactly, with the file's path relative to the
 *   run's working directory (default: not checked).
 *
 * A case folder with a `package.json` is a project of its own (codemods that read the nearest `package.json`, such
 * as those that add a dependency or pick a module format): the case folder is then the run's working directory
 * instead of the virtual one, and `filename` is resolved against it.
 *
 * Codemods that edit or create several files (`runRefactor`) may instead have whole-project cases,
 * `tests/fixtures/<codemod>/<case>/{input,output}/` (no `output/` = nothing may change) with an `options.json`:
 * `options`, `settings`, `reports` (how many sites the run reports as left unchanged, default 0) and `files` (the
 * files to pass, relative to the project; all source files by default). For each, the runner checks that a dry run
 * writes nothing and plans the same changes as the real run, that the project then equals `output/`, that each
 * change's `before` is the input text (`null` for a created file), that a second run changes nothing, and that a
 * run told the `candidates` the detection pass finds plans the same changes and reports.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from 'eslint-plugin-backend-perf';
import { afterEach, describe, expect, it } from 'vitest';
import { allRules, codemodSites, detectCodemodSites, findRuleSites } from '../src/engine/rule-codemod.js';
import { isSourceFile, outputProblem } from '../src/engine/language.js';
import { codemodModules } from '../src/registry.generated.js';
import type { CodemodModule, CodemodRunOptions } from '../src/types.js';
import { runTransform } from './run-transform.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
// Whole-project cases live beside the single-file ones: a case folder with an `input/` directory is a project.
const PROJECT_FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The virtual project directory fixture files pretend to live in (no `tests` segment, so no start-up glob matches). */
const VIRTUAL_CWD = path.resolve('/virtual-project');

interface CaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  filename?: string;
  remainingReports?: number;
  reports?: string[];
}

interface FixtureCase {
  readonly codemod: string;
  readonly name: string;
  readonly dir: string;
  readonly ext: string;
  readonly input: string;
  readonly output: string | undefined;
  readonly config: CaseOptions;
  /** The run's working directory: the case folder when it holds a `package.json`, else the virtual project. */
  readonly cwd: string;
}

const subfolders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

function loadCase(codemod: string, name: string): FixtureCase {
  const dir = path.join(FIXTURES, codemod, name);
  const files = readdirSync(dir);
  const inputs = files.filter((file) => /^input\.[a-z]+$/u.test(file));
  if (inputs.length !== 1)
    throw new Error(`${codemod}/${name}: expected exactly one input.<ext>, found ${inputs.length}`);
  const inputFile = inputs[0];
  const ext = inputFile.slice('input'.length);
  const stray = files.filter(
    (file) => file !== inputFile && file !== `output${ext}` && file !== 'options.json' && file !== 'package.json',
  );
  if (stray.length > 0)
    throw new Error(`${codemod}/${name}: unexpected files ${stray.join(', ')} (output must be output${ext})`);
  const outputPath = path.join(dir, `output${ext}`);
  const optionsPath = path.join(dir, 'options.json');
  return {
    codemod,
    name,
    dir,
    ext,
    input: readFileSync(path.join(dir, inputFile), 'utf8'),
    output: existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : undefined,
    config: existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as CaseOptions) : {},
    cwd: files.includes('package.json') ? dir : VIRTUAL_CWD,
  };
}

function lineEndings(text: string): { crlf: number; lf: number } {
  const crlf = text.match(/\r\n/gu)?.length ?? 0;
  return { crlf, lf: (text.match(/\n/gu)?.length ?? 0) - crlf };
}

const filenameOf = (fixture: FixtureCase): string =>
  path.join(fixture.cwd, fixture.config.filename ?? `src/routes/${fixture.name}${fixture.ext}`);

function run(
  module: CodemodModule,
  fixture: FixtureCase,
  source: string,
): { output: string | undefined; reports: string[] } {
  const filename = filenameOf(fixture);
  const options: CodemodRunOptions = {
    ...fixture.config.options,
    cwd: fixture.cwd,
    ...(fixture.config.settings ? { settings: fixture.config.settings } : {}),
  };
  return runTransform(module, source, filename, options);
}

function countReports(module: CodemodModule, fixture: FixtureCase, source: string): number {
  return codemodSites(module.meta, source, filenameOf(fixture), { cwd: fixture.cwd, settings: fixture.config.settings })
    .length;
}

interface ProjectCaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  reports?: number;
  files?: string[];
}

/** Every file below `dir`, by its `/`-separated relative path, with its text. */
function tree(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const entries = files.map((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return [path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8')] as const;
  });
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether a codemod migrates the findings of a rule (`backend-perf/<rule>`): a finding it may be handed. */
const migrated = (ruleId: string): boolean =>
  Boolean(
    (plugin.rules as unknown as Partial<Record<string, { meta?: { docs?: { codemod?: string } } }>>)[
      ruleId.replace(/^backend-perf\//u, '')
    ]?.meta?.docs?.codemod,
  );

const temporaryProjects: string[] = [];
afterEach(() => {
  for (const dir of temporaryProjects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of a project case's `input/` folder. */
function copyProject(codemod: string, name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${codemod}-${name}-`));
  temporaryProjects.push(dir);
  cpSync(path.join(PROJECT_FIXTURES, codemod, name, 'input'), dir, { recursive: true });
  return dir;
}

const isProjectFolder = (codemod: string): boolean =>
  subfolders(path.join(FIXTURES, codemod)).some((name) => existsSync(path.join(FIXTURES, codemod, name, 'input')));
const allFolders = existsSync(FIXTURES) ? subfolders(FIXTURES) : [];
const codemodFolders = allFolders.filter((codemod) => !isProjectFolder(codemod));
const projectFolders = allFolders.filter(isProjectFolder);

describe('codemod fixtures', () => {
  it('has a fixture folder for every codemod, and only for codemods', () => {
    expect([...new Set([...codemodFolders, ...projectFolders])].sort()).toEqual(Object.keys(codemodModules).sort());
  });

  for (const codemod of codemodFolders) {
    describe(codemod, () => {
      const module = Object.hasOwn(codemodModules, codemod) ? codemodModules[codemod] : undefined;
      const cases = subfolders(path.join(FIXTURES, codemod));

      it('has cases', () => {
        expect(cases.length).toBeGreaterThan(0);
      });

      for (const name of cases) {
        describe(name, () => {
          const fixture = loadCase(codemod, name);
          if (!module) throw new Error(`no codemod named "${codemod}" in src/registry.generated.ts`);
          const first = run(module, fixture, fixture.input);

          it(fixture.output === undefined ? 'leaves the input unchanged' : 'produces the expected output', () => {
            expect(first.output).toBe(fixture.output);
          });

          if (fixture.config.reports) {
            const expected = fixture.config.reports;
            it('reports what it leaves for review, and why', () => {
              const prefix = `${fixture.cwd}${path.sep}`;
              expect(first.reports.map((report) => report.split(prefix).join(''))).toEqual(expected);
            });
          }

          it('is idempotent (a second run changes nothing)', () => {
            expect(run(module, fixture, first.output ?? fixture.input).output).toBeUndefined();
          });

          it('is selected by the detection pass, and runs the same on its shared parse', () => {
            const detected = detectCodemodSites({
              source: fixture.input,
              filename: filenameOf(fixture),
              cwd: fixture.cwd,
              codemods: [module.meta],
              ...(fixture.config.settings ? { settings: fixture.config.settings } : {}),
            });
            if (first.output !== undefined) expect(detected.has(codemod)).toBe(true);
            expect(run(module, fixture, fixture.input)).toEqual(first);
          });

          if (first.output === undefined) return;
          const output = first.output;

          it('produces code that parses with the parser that read the input', () => {
            const filename = fixture.config.filename ?? `src/routes/${name}${fixture.ext}`;
            expect(outputProblem(filename, fixture.input, output)).toBeNull();
          });

          it(
            `its rules (${module.meta.rules.join(', ')}) report on the input and ` +
              `${fixture.config.remainingReports ?? 0} time(s) on the output`,
            () => {
              expect(countReports(module, fixture, fixture.input)).toBeGreaterThan(0);
              expect(countReports(module, fixture, output)).toBe(fixture.config.remainingReports ?? 0);
            },
          );

          it("creates no finding of any of the plugin's rules on the lines it changed", () => {
            // What `check --config all` would report on the output, minus what it reported on the input: nothing on
            // a changed line. The codemod's own rules are counted above (`remainingReports`). A finding that another
            // codemod migrates is handed on, not created (`await fs.promises.readFile` of a whole file is
            // `no-whole-file-read`'s, for whole-file-to-stream).
            const filename = filenameOf(fixture);
            const lint = (source: string) =>
              findRuleSites({
                source,
                filename,
                rules: allRules(),
                cwd: fixture.cwd,
                ...(fixture.config.settings ? { settings: fixture.config.settings } : {}),
              }).filter((site) => !module.meta.rules.includes(site.ruleId.replace(/^backend-perf\//u, '')));
            const before = new Set(lint(fixture.input).map((site) => `${site.ruleId} ${site.message}`));
            const unchanged = new Set(fixture.input.split(/\r?\n/u));
            const lines = output.split(/\r?\n/u);
            const created = lint(output)
              .filter(
                (site) => !unchanged.has(lines[site.line - 1] ?? '') && !before.has(`${site.ruleId} ${site.message}`),
              )
              .filter((site) => !migrated(site.ruleId))
              .map((site) => `${site.line}:${site.column} ${site.ruleId}: ${site.message}`);
            expect(created).toEqual([]);
          });

          it('keeps the line endings', () => {
            const before = lineEndings(fixture.input);
            const after = lineEndings(output);
            if (before.lf === 0 && before.crlf > 0) expect(after.lf).toBe(0);
            if (before.crlf === 0) expect(after.crlf).toBe(0);
          });
        });
      }
    });
  }

  for (const codemod of projectFolders) {
    describe(`${codemod} (projects)`, () => {
      const module = Object.hasOwn(codemodModules, codemod) ? codemodModules[codemod] : undefined;
      const cases = subfolders(path.join(PROJECT_FIXTURES, codemod));

      it('has cases', () => {
        expect(cases.length).toBeGreaterThan(0);
      });

      for (const name of cases) {
        it(name, () => {
          const runRefactor = module?.runRefactor;
          if (!runRefactor)
            throw new Error(`"${codemod}" has project fixtures but no runRefactor in src/registry.generated.ts`);
          const caseDir = path.join(PROJECT_FIXTURES, codemod, name);
          const config = JSON.parse(readFileSync(path.join(caseDir, 'options.json'), 'utf8')) as ProjectCaseOptions;
          const options = { ...config.options, ...(config.settings ? { settings: config.settings } : {}) };
          const inputDir = path.join(caseDir, 'input');
          const expectedDir = existsSync(path.join(caseDir, 'output')) ? path.join(caseDir, 'output') : inputDir;
          const filesOf = (dir: string): string[] =>
            config.files
              ? config.files.map((file) => path.join(dir, file))
              : (readdirSync(dir, { recursive: true }) as string[])
                  .filter((file) => isSourceFile(file))
                  .map((file) => path.join(dir, file));

          // A dry run computes the changes and writes nothing.
          const dryDir = copyProject(codemod, name);
          const dry = runRefactor({ files: filesOf(dryDir), cwd: dryDir, dry: true, options });
          expect(tree(dryDir)).toEqual(tree(inputDir));

          const dir = copyProject(codemod, name);
          const result = runRefactor({ files: filesOf(dir), cwd: dir, options });
          expect(result.changes.map((change) => path.relative(dir, change.path))).toEqual(
            dry.changes.map((change) => path.relative(dryDir, change.path)),
          );
          expect(tree(dir)).toEqual(tree(expectedDir));
          expect(result.reports).toHaveLength(config.reports ?? 0);
          for (const change of result.changes) {
            const before = path.join(inputDir, path.relative(dir, change.path));
            expect(change.before).toBe(existsSync(before) ? readFileSync(before, 'utf8') : null);
          }

          // No finding created on the lines it changed, in the files it rewrote or created (see the single-file cases).
          for (const change of result.changes.filter((each) => isSourceFile(each.path))) {
            const lint = (source: string) =>
              findRuleSites({
                source,
                filename: change.path,
                rules: allRules(),
                cwd: dir,
                ...(config.settings ? { settings: config.settings } : {}),
              }).filter(
                (site) =>
                  !module.meta.rules.includes(site.ruleId.replace(/^backend-perf\//u, '')) && !migrated(site.ruleId),
              );
            const earlier = new Set(lint(change.before ?? '').map((site) => `${site.ruleId} ${site.message}`));
            const unchanged = new Set((change.before ?? '').split(/\r?\n/u));
            const lines = change.after.split(/\r?\n/u);
            const created = lint(change.after)
              .filter(
                (site) => !unchanged.has(lines[site.line - 1] ?? '') && !earlier.has(`${site.ruleId} ${site.message}`),
              )
              .map(
                (site) =>
                  `${path.relative(dir, change.path)}:${site.line}:${site.column} ${site.ruleId}: ${site.message}`,
              );
            expect(created).toEqual([]);
          }

          // A second run finds nothing left to change.
          expect(runRefactor({ files: filesOf(dir), cwd: dir, options }).changes).toEqual([]);

          // Told the files where the detection pass finds its rules' sites (a file that does not parse stays in, so
          // that it is reported as before), the codemod plans the same changes and reports.
          const candidates = filesOf(dryDir).filter((file) => {
            try {
              return detectCodemodSites({
                source: readFileSync(file, 'utf8'),
                filename: file,
                cwd: dryDir,
                codemods: [module.meta],
                ...(config.settings ? { settings: config.settings } : {}),
              }).has(codemod);
            } catch {
              return true;
            }
          });
          expect(runRefactor({ files: filesOf(dryDir), cwd: dryDir, dry: true, options, candidates })).toEqual(dry);
        });
      }
    });
  }
});
