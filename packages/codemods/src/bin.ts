#!/usr/bin/env node
// `npx @backend-perf/codemods <codemod> [paths...]`: one codemod, run the usual way for a codemod package. Single-file
// codemods go through jscodeshift's own runner (its worker processes, its summary); multi-file codemods through
// their `runRefactor`. `backend-perf migrate` (the `backend-perf` package) adds the rest: git safety, ESLint settings,
// several codemods in one pass, a worker pool, JSON reports.
import {
  DEFAULT_IGNORED_DIRECTORIES,
  DEFAULT_IGNORED_FILES,
  defaultIgnoreReason,
  didYouMean,
} from '@backend-perf/core/light';
import { createTwoFilesPatch } from 'diff';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isSourceFile, SOURCE_EXTENSIONS } from './engine/extensions.js';
import { codemodMetas, multiFileCodemodNames } from './meta.generated.js';

const USAGE = `Usage: npx @backend-perf/codemods <codemod> [paths...] [--dry] [--print] [codemod options]

Runs one codemod over the source files under the paths (default "."), skipping
dependencies, vendored code, build output and minified files.

  --dry      change nothing; with --print, show what would change
  --print    print the changed files (single-file codemods) or diffs
  -h, --help show this help

Codemods:
${codemodMetas
  .map(
    (meta) =>
      `  ${meta.name.padEnd(26)}${
        Object.keys(meta.options).length > 0
          ? Object.keys(meta.options)
              .map((name) => `--${name}`)
              .join(' ')
          : ''
      }`,
  )
  .join('\n')}

Each codemod's doc: https://github.com/backend-perf/backend-perf/tree/main/docs/codemods
Git safety, ESLint settings and several codemods at once: npx backend-perf migrate
`;

function fail(message: string): never {
  process.stderr.write(`@backend-perf/codemods: ${message}\nRun "npx @backend-perf/codemods --help" for usage.\n`);
  process.exit(2);
}

/** The source files under `paths`, without the default ignores, sorted. */
function collect(cwd: string, paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (target: string): void => {
    const stat = statSync(target, { throwIfNoEntry: false });
    if (!stat) fail(`no such file or directory: ${path.relative(cwd, target) || target}`);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(target)) {
        const full = path.join(target, entry);
        if (defaultIgnoreReason(statSync(full).isDirectory() ? path.join(full, '_') : full, cwd) === null) walk(full);
      }
    } else if (isSourceFile(target)) {
      found.push(target);
    }
  };
  for (const given of paths) walk(path.resolve(cwd, given));
  return [...new Set(found)].sort();
}

async function main(argv: readonly string[]): Promise<number> {
  const name = argv.at(0);
  const rest = argv.slice(1);
  if (name === undefined || name === '-h' || name === '--help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const meta = codemodMetas.find((candidate) => candidate.name === name);
  if (!meta) {
    fail(
      `unknown codemod "${name}".${didYouMean(
        name,
        codemodMetas.map((candidate) => candidate.name),
      )} Codemods: ${codemodMetas.map((candidate) => candidate.name).join(', ')}.`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  const options = {
    dry: { type: 'boolean' as const, default: false },
    print: { type: 'boolean' as const, default: false },
    help: { type: 'boolean' as const, short: 'h' },
    ...Object.fromEntries(
      Object.entries(meta.options).map(([option, spec]) => [
        option,
        { type: spec.type === 'boolean' ? ('boolean' as const) : ('string' as const) },
      ]),
    ),
  };
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options });
  } catch (error) {
    const given = /'(-[^']*)'/u.exec((error as Error).message)?.[1];
    fail(
      given
        ? `unknown option ${given} for ${name}.${didYouMean(
            given,
            Object.keys(options).map((option) => `--${option}`),
          )}`
        : (error as Error).message,
    );
  }
  if (parsed.values['help']) {
    process.stdout.write(USAGE);
    return 0;
  }
  const codemodOptions: Record<string, unknown> = {};
  for (const [option, spec] of Object.entries(meta.options)) {
    const raw = parsed.values[option];
    if (raw === undefined) continue;
    codemodOptions[option] = spec.type === 'number' ? Number(raw) : raw;
  }
  const cwd = process.cwd();
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  const dry = parsed.values['dry'] === true;
  const print = parsed.values['print'] === true;

  if (multiFileCodemodNames.includes(name)) {
    const files = collect(cwd, paths);
    const { refactorsByName } = await import('./index.js');
    const result = refactorsByName[name].runRefactor({ files, cwd, dry: true, options: codemodOptions });
    for (const change of result.changes) {
      const relative = path.relative(cwd, path.resolve(cwd, change.path)).split(path.sep).join('/');
      if (print || dry) {
        process.stdout.write(
          createTwoFilesPatch(
            `a/${relative}`,
            `b/${relative}`,
            change.before ?? '',
            change.after,
            undefined,
            undefined,
          ),
        );
      }
      if (!dry) writeFileSync(path.resolve(cwd, change.path), change.after);
    }
    for (const message of result.reports) process.stderr.write(`${message}\n`);
    process.stderr.write(
      `${result.changes.length} file${result.changes.length === 1 ? '' : 's'} ${dry ? 'would change' : 'changed'}, ` +
        `${result.reports.length} report${result.reports.length === 1 ? '' : 's'}.\n`,
    );
    return 0;
  }

  // jscodeshift's runner, with the CommonJS entry of the transform (it works with and without Babel).
  const transform = fileURLToPath(new URL(`./transforms/${name}.cjs`, import.meta.url));
  const require = createRequire(import.meta.url);
  const runner = require(path.join(path.dirname(require.resolve('jscodeshift/package.json')), 'src', 'Runner.js')) as {
    run: (transform: string, paths: readonly string[], options: Record<string, unknown>) => Promise<{ error: number }>;
  };
  const stats = await runner.run(transform, paths, {
    ...codemodOptions,
    dry,
    print,
    babel: false,
    extensions: SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(','),
    ignorePattern: [
      ...DEFAULT_IGNORED_DIRECTORIES.map((folder) => `**/${folder}/**`),
      ...DEFAULT_IGNORED_FILES.map((file) => `**/${file}`),
      '**/*.d.ts',
    ],
    verbose: 0,
    runInBand: false,
  });
  return stats.error > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
