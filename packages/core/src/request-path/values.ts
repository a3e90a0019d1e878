import {
  PACKAGE_TYPE_SHAPES,
  ROW_MODELS,
  SHAPES_BY_NAME,
  type DataAccessLibrary,
  type DataAccessOperation,
  type ValueShape,
} from '../catalogue/data-access.js';
import { own } from '../ast.js';
import { isFolderModule, type ClassSummary, type FileSummary, type ModuleRef, type Value } from './summary.js';

/**
 * What a value stands for once evaluated across files:
 * - `shape`: a value of a catalogue data shape (`prisma-client`) reached by the property path `path` below it;
 * - `fn`: a function (its file and index);
 * - `cls` / `instance`: a class of the project, or an instance of it;
 * - `object`: an object literal whose members are values of `file`;
 * - `module`: a module's namespace (its exports).
 */
export type Abstract =
  | { readonly kind: 'shape'; readonly shape: string; readonly path: readonly string[] }
  | { readonly kind: 'fn'; readonly file: number; readonly fn: number }
  | { readonly kind: 'cls' | 'instance'; readonly file: number; readonly cls: number }
  | { readonly kind: 'object'; readonly file: number; readonly members: Readonly<Record<string, Value>> }
  | { readonly kind: 'module'; readonly file: number };

/** A call site of a function: the caller's file and function (a graph node), and the values of its arguments. */
export interface CallSite {
  readonly file: number;
  readonly from: number;
  readonly args: readonly (Value | null)[];
}

export interface ValueContext {
  readonly summaries: readonly (FileSummary | null)[];
  /** The file index that a module specifier names from a file, or -1. */
  readonly resolve: (file: number, specifier: string) => number;
  /**
   * The call sites of a function (its file and index). While the project's call sites are being collected (resolving
   * the calls evaluates values), those found so far; the graph then has the resolver `forget` what it evaluated.
   */
  readonly callSites: (file: number, fn: number) => readonly CallSite[];
  /** Each file's project-relative path, by index (a table's model class is found by its file name). */
  readonly paths?: readonly string[];
}

/** Values that a set is cut to: enough for real code (a parameter fed by a few call sites), bounded for the rest. */
const MAX_VALUES = 8;

/** A row library's base class (`ROW_MODELS`: RedBeanNode's bean), by its module. */
const isRowBase = (ref: ModuleRef): boolean =>
  ROW_MODELS.some((models) => ref.module === models.base || ref.module.startsWith(`${models.base}/`));

/** Koa's application class: `extends Koa`, `extends koa_1.default`, `extends import_koa.default` (compiled interop). */
const isKoaApplication = (ref: ModuleRef): boolean =>
  ref.module === 'koa' && ref.path.every((part) => part === 'default' || part === 'Koa');

/**
 * Whether a set of values may have been cut to `MAX_VALUES`: it then proves nothing by what it lacks (a parameter fed
 * by many factories, `withTransactional(factory)` returning whichever service its callers build).
 */
export const isSaturated = (values: readonly Abstract[]): boolean => values.length >= MAX_VALUES;
const MAX_DEPTH = 24;
/** How many members down a path chosen at run time reaches (`admin.user.ban` below a table of namespaces). */
const NESTED_DEPTH = 3;
/** Nested evaluations at most: deep chains of properties, calls and parameters are cut, never a stack overflow. */
const MAX_EVALUATION_DEPTH = 64;

/** A key that identifies what a value stands for: equal keys, the same function, class, instance or object. */
export function keyOf(value: Abstract): string {
  switch (value.kind) {
    case 'shape':
      return `s:${value.shape}:${value.path.join('.')}`;
    case 'fn':
      return `f:${value.file}:${value.fn}`;
    case 'cls':
    case 'instance':
      return `${value.kind}:${value.file}:${value.cls}`;
    case 'object':
      return `o:${value.file}:${Object.keys(value.members).join(',')}`;
    case 'module':
      return `m:${value.file}`;
  }
}

function union(lists: readonly (readonly Abstract[])[]): Abstract[] {
  const result: Abstract[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const value of list) {
      const key = keyOf(value);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(value);
      if (result.length >= MAX_VALUES) return result;
    }
  }
  return result;
}

/** The catalogue shape reached from a shape by property reads and calls (`prisma` → `.user` → a model delegate). */
export function shapeAfter(shape: ValueShape, path: readonly string[]): ValueShape | null {
  let current: ValueShape | undefined = shape;
  for (const name of path) {
    if (!current) return null;
    current =
      own(current.properties, name) ??
      own(current.returns, name) ??
      (name.startsWith('$') || name === 'prototype' ? undefined : current.anyProperty);
  }
  return current ?? null;
}

/**
 * Evaluates the `Value`s of file summaries across the project: what an export, a parameter, a field, a returned
 * value or a property stands for (functions, classes and their instances, objects, modules, data-access shapes),
 * following imports, call sites into parameters, assignments into fields and returns out of functions. Flow- and
 * context-insensitive, with bounded sets and depth: an over-approximation that is cheap and stable.
 */
export class ValueResolver {
  private readonly memo = new Map<string, Abstract[]>();
  private readonly active = new Set<string>();
  private evaluated = new WeakMap<Value, Abstract[]>();
  private readonly evaluating = new Set<Value>();
  /** Every evaluation in progress (memo keys and values), with how many were in progress when it began. */
  private readonly inProgress = new Map<string | Value, number>();
  /**
   * The lowest position in `inProgress` that the current evaluation depended on while that evaluation was unfinished:
   * a cycle cut back to it.
   */
  private lowestCut = Number.POSITIVE_INFINITY;

  constructor(private readonly context: ValueContext) {}

  /**
   * Drops every memoised evaluation: what was evaluated while the project's call sites were still being collected
   * (a constructor's parameter read before the file that wires it) is evaluated again from all of them.
   */
  forget(): void {
    this.memo.clear();
    this.evaluated = new WeakMap();
    this.children = null;
    this.applications = null;
  }

  private summary(file: number): FileSummary | null {
    return this.context.summaries[file] ?? null;
  }

  private classOf(file: number, index: number): ClassSummary | undefined {
    return this.summary(file)?.classes[index];
  }

  /** A memoised evaluation; a cycle (a parameter fed by its own function's result) evaluates to nothing. */
  private cached(key: string, compute: () => Abstract[]): Abstract[] {
    const known = this.memo.get(key);
    if (known) return known;
    if (this.active.has(key)) return this.cut(key);
    if (this.active.size > MAX_DEPTH) return this.tooDeep();
    this.active.add(key);
    try {
      const { result, final } = this.frame(key, compute);
      if (final) this.memo.set(key, result);
      return result;
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * Runs an evaluation under `key` and says whether its result is final. A cycle cut inside it that went back to an
   * evaluation begun earlier, or call sites read before they were all collected, left the result short of what a
   * later evaluation finds, so it is not memoised; a cycle back to this evaluation itself is its fixed point as far
   * as this resolver goes.
   */
  private frame(key: string | Value, compute: () => Abstract[]): { result: Abstract[]; final: boolean } {
    const position = this.inProgress.size;
    const outer = this.lowestCut;
    this.inProgress.set(key, position);
    this.lowestCut = Number.POSITIVE_INFINITY;
    try {
      const result = compute();
      return { result, final: this.lowestCut >= position };
    } finally {
      this.inProgress.delete(key);
      this.lowestCut = Math.min(outer, this.lowestCut);
    }
  }

  /** An evaluation too deep to follow: nothing there, and nothing on the way to it is final. */
  private tooDeep(): Abstract[] {
    this.lowestCut = -1;
    return [];
  }

  /** An evaluation met again while it is in progress: nothing there, and nothing final until it ends. */
  private cut(key: string | Value): Abstract[] {
    const position = this.inProgress.get(key);
    if (position !== undefined) this.lowestCut = Math.min(this.lowestCut, position);
    return [];
  }

  /**
   * What a value of `file` stands for. Memoised per value (summaries' values are not shared between files); a value
   * met again while it is being evaluated (an object whose member reads the object) stands for nothing there.
   */
  evaluate(file: number, value: Value): Abstract[] {
    const known = this.evaluated.get(value);
    if (known) return known;
    if (this.evaluating.has(value)) return this.cut(value);
    if (this.evaluating.size > MAX_EVALUATION_DEPTH) return this.tooDeep();
    this.evaluating.add(value);
    try {
      const { result, final } = this.frame(value, () => this.evaluateUncached(file, value));
      if (final) this.evaluated.set(value, result);
      return result;
    } finally {
      this.evaluating.delete(value);
    }
  }

  private evaluateUncached(file: number, value: Value): Abstract[] {
    if ('shape' in value) return [{ kind: 'shape', shape: value.shape, path: [] }];
    if ('fn' in value) return [{ kind: 'fn', file, fn: value.fn }];
    if ('cls' in value) return [{ kind: 'cls', file, cls: value.cls }];
    if ('members' in value) return [{ kind: 'object', file, members: value.members }];
    if ('ref' in value) {
      const ref = this.summary(file)?.refs[value.ref];
      return ref ? this.reference(file, ref) : [];
    }
    if ('instance' in value) {
      return this.evaluate(file, value.instance).flatMap((target): Abstract[] => {
        if (target.kind === 'cls') return [{ kind: 'instance', file: target.file, cls: target.cls }];
        // `new PackageClass()` of a data library: its instances have the shape (an injected `Repository`).
        if (target.kind === 'shape') return [target];
        return [];
      });
    }
    if ('param' in value) {
      const [fn, index] = value.param;
      return this.cached(`p:${file}:${fn}:${index}`, () => {
        const sites = this.context.callSites(file, fn);
        return union(
          sites.map((site) => {
            const arg = site.args[index];
            return arg ? this.evaluate(site.file, arg) : [];
          }),
        );
      });
    }
    if ('field' in value) {
      // `this.<name>`: a method of the class or of a parent (`this.getMonitorList()`), else what the field holds.
      const [cls, name] = value.field;
      return this.cached(`fp:${file}:${cls}:${name}`, () => this.property({ kind: 'instance', file, cls }, name));
    }
    if ('get' in value) {
      const [object, name] = value.get;
      return union(this.evaluate(file, object).map((target) => this.property(target, name)));
    }
    if ('result' in value) return union(this.evaluate(file, value.result).map((target) => this.result(target)));
    if ('any' in value && Array.isArray(value.any))
      return union(value.any.map((part: Value) => this.evaluate(file, part)));
    if ('holder' in value) return this.holder(value.holder);
    if ('row' in value && typeof value.row === 'string') return this.rowModel(value.row);
    if ('export' in value && typeof value.export === 'string') {
      const name = value.export;
      return this.cached(`e:${file}:${name}`, () => this.lookup(file, name === '' ? [] : [name]));
    }
    // As a value (a parameter, a field), the table's functions when they fit in a set; a call of it is resolved by the
    // graph with the dispatch bound (`MAX_DISPATCH_TARGETS`).
    if ('nested' in value && typeof value.nested === 'object') return union([this.nestedFunctions(file, value.nested)]);
    // Anything else (a summary written by a damaged cache): nothing, never a crash.
    return [];
  }

  /**
   * The functions up to `NESTED_DEPTH` members below a value (see `{ nested }`): each member evaluated on its own,
   * so that no set bound cuts the list; none when there are more than `limit` (a library, not a dispatch table).
   */
  nestedFunctions(file: number, value: Value, limit = MAX_VALUES): Abstract[] {
    const found: Abstract[] = [];
    const seen = new Set<string>();
    const visit = (values: readonly Abstract[], depth: number): boolean => {
      for (const current of values) {
        const key = keyOf(current);
        if (seen.has(key)) continue;
        seen.add(key);
        if (current.kind === 'fn') {
          found.push(current);
          if (found.length > limit) return false;
        } else if (depth < NESTED_DEPTH && current.kind !== 'shape') {
          for (const member of Object.values(this.members(current))) if (!visit(member, depth + 1)) return false;
        }
      }
      return true;
    };
    return visit(this.evaluate(file, value), 0) ? found : [];
  }

  /**
   * A row of table `table` as its library makes it (see `RowModels`): an instance of the model class that a file named
   * for the table (`model/monitor.js` for `monitor`) exports, when that class extends the library's base class. Nothing
   * when no such file exists: the row is then a plain bean.
   */
  private rowModel(table: string): Abstract[] {
    const paths = this.context.paths;
    if (!paths) return [];
    return this.cached(`m:${table}`, () => {
      const found: Abstract[] = [];
      paths.forEach((path, file) => {
        const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]s$/u, '');
        if (base !== table) return;
        const summary = this.summary(file);
        if (!summary) return;
        const exported = summary.moduleValue ?? own(summary.exports, 'default');
        if (!exported) return;
        for (const value of this.evaluate(file, exported)) {
          if (value.kind === 'cls' && this.extendsModuleClass(value.file, value.cls, isRowBase)) {
            found.push({ kind: 'instance', file: value.file, cls: value.cls });
          }
        }
      });
      return found;
    });
  }

  /**
   * Whether a project class extends, directly or through the project's own classes, another module's class that
   * `isBase` accepts (a row library's base class, Koa's application).
   */
  private extendsModuleClass(file: number, cls: number, isBase: (ref: ModuleRef) => boolean, depth = 0): boolean {
    const parent = this.classOf(file, cls)?.extends;
    if (!parent || depth > 4) return false;
    if ('ref' in parent) {
      const ref = this.summary(file)?.refs[parent.ref];
      if (ref && isBase(ref)) return true;
    }
    return this.evaluate(file, parent).some(
      (value) => value.kind === 'cls' && this.extendsModuleClass(value.file, value.cls, isBase, depth + 1),
    );
  }

  /**
   * What any file of the project stores in an application holder (`app.locals.db = db`); for a value on the
   * application itself (`ctx.app.localeManager`, `app.db`), also the member of that name of the project's own
   * application classes (`class Application extends Koa`, whose methods set `this._locales`).
   */
  private holder(name: string): Abstract[] {
    return this.cached(`h:${name}`, () => {
      const values: Abstract[][] = [];
      this.context.summaries.forEach((summary, file) => {
        for (const [holder, value] of summary?.holders ?? []) {
          if (holder === name) values.push(this.evaluate(file, value));
        }
      });
      if (name.startsWith('app.')) {
        const member = name.slice('app.'.length);
        const held = this.applicationClasses()
          .map((app) => this.property({ kind: 'instance', file: app.file, cls: app.cls }, member))
          .filter((found) => found.length > 0);
        // Many classes with that member would be a framework's own, not one application: they would only blur it.
        if (held.length <= MAX_VALUES) values.push(...held);
      }
      return union(values);
    });
  }

  private applications: { file: number; cls: number }[] | null = null;

  /**
   * The project's classes that extend an application framework's class (Koa's), directly or through its own; none
   * without a file that imports Koa.
   */
  private applicationClasses(): readonly { file: number; cls: number }[] {
    if (this.applications) return this.applications;
    const found: { file: number; cls: number }[] = [];
    const summaries = this.context.summaries;
    if (summaries.some((summary) => summary?.refs.some((ref) => ref.module === 'koa'))) {
      summaries.forEach((summary, file) => {
        summary?.classes.forEach((_, cls) => {
          if (this.extendsModuleClass(file, cls, isKoaApplication)) found.push({ file, cls });
        });
      });
    }
    this.applications = found;
    return found;
  }

  /** Another module's value at a reference (Node's interop for `default`); a type of a data library as its shape. */
  reference(file: number, ref: ModuleRef): Abstract[] {
    if (isFolderModule(ref.module)) {
      const key = `w:${file}:${ref.module}:${ref.path.join('.')}`;
      return this.cached(key, () =>
        union(this.folderModules(file, ref.module).map((target) => this.lookup(target, ref.path))),
      );
    }
    const target = this.context.resolve(file, ref.module);
    if (target < 0) {
      const typed = (PACKAGE_TYPE_SHAPES[ref.module] as Readonly<Record<string, string>> | undefined)?.[
        ref.path[0] ?? 'default'
      ];
      if (!typed) return [];
      // `import { Repository } from 'typeorm'`: the class stands for its instances (see `instance`), and a method of
      // its prototype (`Repository.prototype.findOne`, an injected instance's method) is the shape's.
      if (ref.path.length <= 1) return [{ kind: 'shape', shape: typed, path: [] }];
      return ref.path[1] === 'prototype' ? [{ kind: 'shape', shape: typed, path: ref.path.slice(2) }] : [];
    }
    return this.cached(`r:${target}:${ref.path.join('.')}`, () => this.lookup(target, ref.path));
  }

  /**
   * The modules of the folder that a reference like `./database/*` names from `file` (see `FOLDER_MODULE`): the source
   * files directly in it, declaration files left out.
   */
  private folderModules(file: number, specifier: string): number[] {
    const paths = this.context.paths;
    const from = paths?.[file];
    if (!paths || from === undefined) return [];
    const parts = from.split('/').slice(0, -1);
    for (const part of specifier.split('/').slice(0, -1)) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(part);
    }
    const folder = parts.length > 0 ? `${parts.join('/')}/` : '';
    let found = this.folders.get(folder);
    if (!found) {
      const inFolder: number[] = [];
      paths.forEach((path, index) => {
        if (!path.startsWith(folder) || path.includes('/', folder.length)) return;
        if (/\.[cm]?[jt]s$/u.test(path) && !/\.d\.[cm]?ts$/u.test(path)) inFolder.push(index);
      });
      found = inFolder;
      this.folders.set(folder, found);
    }
    const others = found.filter((index) => index !== file);
    return others.length <= MAX_VALUES ? others : [];
  }

  /** The source files directly in each folder asked for (the project's paths do not change for a resolver). */
  private readonly folders = new Map<string, number[]>();

  /** The value at `path` below a module's value. */
  lookup(file: number, path: readonly string[]): Abstract[] {
    const summary = this.summary(file);
    if (!summary) return [];
    if (path.length === 0)
      return summary.moduleValue ? this.evaluate(file, summary.moduleValue) : [{ kind: 'module', file }];
    const [head, ...rest] = path as [string, ...string[]];
    const named = own(summary.exports, head);
    let found: Abstract[] = [];
    if (named) found = this.evaluate(file, named);
    else if (summary.moduleValue) {
      // `import x from './cjs'` and compiled `x_1.default` read `module.exports` itself, unless a compiled ES module
      // names a default export of its own (esbuild's `__export(x_exports, { default: () => x_default })`).
      const moduleValues = this.evaluate(file, summary.moduleValue);
      found =
        head === 'default'
          ? union(
              moduleValues.map((value) =>
                summary.esModule === true && value.kind === 'object' && Object.hasOwn(value.members, 'default')
                  ? this.property(value, 'default')
                  : [value],
              ),
            )
          : union(moduleValues.map((value) => this.property(value, head)));
    }
    // `export * from './x'`; also beside a module value, as esbuild writes it (`module.exports =
    // __toCommonJS(x_exports); __reExport(x_exports, require('./x'), module.exports)`).
    if (found.length === 0 && !named) {
      for (const star of summary.stars) {
        const target = this.context.resolve(file, star);
        if (target < 0) continue;
        // Through `cached`, like any reference: two modules that re-export each other end where they began.
        found = this.cached(`r:${target}:${head}`, () => this.lookup(target, [head]));
        if (found.length > 0) break;
      }
    }
    if (found.length === 0 && summary.mixins) found = this.mixedIn(file, summary.mixins, head);
    return rest.length === 0 ? found : this.path(found, rest);
  }

  /** A member that functions called with the module's exports add to them (`require('./topics/follow')(Topics)`). */
  private mixedIn(file: number, mixins: NonNullable<FileSummary['mixins']>, name: string): Abstract[] {
    return union(
      mixins.flatMap(([fn, arg]) =>
        this.evaluate(file, fn).map((target) => {
          if (target.kind !== 'fn') return [];
          const members = this.summary(target.file)?.functions[target.fn]?.members ?? [];
          return union(
            members
              .filter(([param, member]) => param === arg && member === name)
              .map(([, , value]) => this.evaluate(target.file, value)),
          );
        }),
      ),
    );
  }

  private path(values: readonly Abstract[], path: readonly string[]): Abstract[] {
    let current = [...values];
    for (const name of path) current = union(current.map((value) => this.property(value, name)));
    return current;
  }

  /**
   * The export of another module that a value names directly, with the path below it (`Command` of `import {
   * Command } from '@oclif/core'`, `core_1.Command` of a `require`), or `null`.
   */
  exportRef(file: number, value: Value): ModuleRef | null {
    if ('ref' in value) return this.summary(file)?.refs[value.ref] ?? null;
    if (!('get' in value)) return null;
    const [object, name] = value.get;
    const inner = this.exportRef(file, object);
    return inner ? { module: inner.module, path: [...inner.path, name] } : null;
  }

  /**
   * Whether a value comes from a package outside the project (`new mssql.ConnectionPool()`, `redis.createClient()`,
   * a property of a package's module): a method missing from what it evaluates to is then the package's, never one
   * of the project's functions of the same name.
   */
  fromPackage(file: number, value: Value, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    if ('ref' in value) {
      const ref = this.summary(file)?.refs[value.ref];
      return ref !== undefined && !isFolderModule(ref.module) && this.context.resolve(file, ref.module) < 0;
    }
    if ('instance' in value) return this.fromPackage(file, value.instance, depth + 1);
    if ('result' in value) return this.fromPackage(file, value.result, depth + 1);
    if ('get' in value) return this.fromPackage(file, value.get[0], depth + 1);
    if ('any' in value && Array.isArray(value.any) && value.any.length > 0)
      return value.any.every((part: Value) => this.fromPackage(file, part, depth + 1));
    return false;
  }

  /**
   * The methods named `name` of the project's subclasses of the classes among `values` (their instances): what
   * `this.processJob()` in a base class runs when the base class leaves the method to its subclasses.
   */
  overrides(values: readonly Abstract[], name: string): Abstract[] {
    const found: Abstract[] = [];
    const seen = new Set<string>();
    const queue = values.flatMap((value) => (value.kind === 'instance' ? [value] : []));
    while (queue.length > 0 && seen.size < MAX_VALUES * MAX_VALUES) {
      const { file, cls } = queue.shift() as Extract<Abstract, { kind: 'instance' }>;
      for (const child of this.subclasses().get(`${String(file)}:${String(cls)}`) ?? []) {
        const key = `${String(child.file)}:${String(child.cls)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const method = own(this.classOf(child.file, child.cls)?.methods ?? {}, name);
        if (method !== undefined) found.push({ kind: 'fn', file: child.file, fn: method });
        queue.push({ kind: 'instance', file: child.file, cls: child.cls });
      }
    }
    return found;
  }

  /** Each project class's direct subclasses in the project, by `file:index` of the parent. */
  private subclasses(): Map<string, { file: number; cls: number }[]> {
    if (this.children) return this.children;
    const children = new Map<string, { file: number; cls: number }[]>();
    this.context.summaries.forEach((summary, file) => {
      summary?.classes.forEach((cls, index) => {
        if (!cls.extends) return;
        for (const parent of this.evaluate(file, cls.extends)) {
          if (parent.kind !== 'cls') continue;
          const key = `${String(parent.file)}:${String(parent.cls)}`;
          const list = children.get(key);
          if (list) list.push({ file, cls: index });
          else children.set(key, [{ file, cls: index }]);
        }
      });
    });
    this.children = children;
    return children;
  }

  private children: Map<string, { file: number; cls: number }[]> | null = null;

  /** A property of a value: a member, a static, an instance method or field, a shape's property. */
  property(value: Abstract, name: string): Abstract[] {
    if (value.kind !== 'cls' && value.kind !== 'instance') return this.propertyOf(value, name);
    // A class's own and inherited members: a chain of parents that evaluates back to a class already on the way (a
    // mixin applied to its own result, two classes each extending what the other evaluates to) ends there.
    const key = `${value.kind}:${String(value.file)}:${String(value.cls)}:${name}`;
    if (this.lookingUp.has(key)) return [];
    this.lookingUp.add(key);
    try {
      return this.propertyOf(value, name);
    } finally {
      this.lookingUp.delete(key);
    }
  }

  private readonly lookingUp = new Set<string>();

  private propertyOf(value: Abstract, name: string): Abstract[] {
    switch (value.kind) {
      case 'shape':
        return [{ kind: 'shape', shape: value.shape, path: [...value.path, name] }];
      case 'object': {
        const member = own(value.members, name);
        return member ? this.evaluate(value.file, member) : [];
      }
      case 'module':
        return this.lookup(value.file, [name]);
      case 'cls': {
        const cls = this.classOf(value.file, value.cls);
        if (!cls) return [];
        if (name === 'prototype') return [{ kind: 'instance', file: value.file, cls: value.cls }];
        const member = own(cls.statics, name);
        if (member) return this.evaluate(value.file, member);
        if (cls.staticShape) return [{ kind: 'shape', shape: cls.staticShape, path: [name] }];
        return cls.extends
          ? union(this.evaluate(value.file, cls.extends).map((parent) => this.property(parent, name)))
          : [];
      }
      case 'instance': {
        const cls = this.classOf(value.file, value.cls);
        if (!cls) return [];
        if (name === 'constructor' && cls.ctor !== undefined) return [{ kind: 'fn', file: value.file, fn: cls.ctor }];
        const method = own(cls.methods, name);
        if (method !== undefined) return [{ kind: 'fn', file: value.file, fn: method }];
        const field = this.fieldOf(value.file, value.cls, name);
        if (field.length > 0) return field;
        if (cls.instanceShape) return [{ kind: 'shape', shape: cls.instanceShape, path: [name] }];
        if (!cls.extends) return [];
        return union(
          this.evaluate(value.file, cls.extends).map((parent) =>
            parent.kind === 'cls' ? this.property({ kind: 'instance', file: parent.file, cls: parent.cls }, name) : [],
          ),
        );
      }
      case 'fn':
        return [];
    }
  }

  /** What `this.<name>` of a class holds: every assignment in the class, and a parent class's. */
  private fieldOf(file: number, index: number, name: string): Abstract[] {
    return this.cached(`f:${file}:${index}:${name}`, () => {
      const cls = this.classOf(file, index);
      if (!cls) return [];
      const assigned = union((own(cls.fields, name) ?? []).map((value) => this.evaluate(file, value)));
      if (assigned.length > 0 || !cls.extends) return assigned;
      return union(
        this.evaluate(file, cls.extends).map((parent) =>
          parent.kind === 'cls' ? this.fieldOf(parent.file, parent.cls, name) : [],
        ),
      );
    });
  }

  /** What calling a value returns: a function's returns, a shape method's result shape, a callable shape itself. */
  result(value: Abstract): Abstract[] {
    // A constructor function called without `new` (a factory, or `if (!(this instanceof Db)) return new Db(url)`).
    const ctor = value.kind === 'cls' ? this.callableConstructor(value) : null;
    if (ctor) return this.result(ctor);
    if (value.kind === 'fn') {
      return this.cached(`ret:${value.file}:${value.fn}`, () => {
        const returns = this.summary(value.file)?.functions[value.fn]?.returns ?? [];
        return union(returns.map((returned) => this.evaluate(value.file, returned)));
      });
    }
    if (value.kind !== 'shape') return [];
    const known = SHAPES_BY_NAME.get(value.shape);
    if (!known) return [];
    if (value.path.length === 0) return known.shape.callable ? [value] : [];
    const owner = shapeAfter(known.shape, value.path.slice(0, -1));
    const method = value.path[value.path.length - 1];
    const returned = own(owner?.returns, method);
    return returned ? [{ kind: 'shape', shape: returned.name, path: [] }] : [];
  }

  /** The constructor of a class written as a constructor function (see `ClassSummary.callable`), or `null`. */
  callableConstructor(value: Abstract): Extract<Abstract, { kind: 'fn' }> | null {
    if (value.kind !== 'cls') return null;
    const cls = this.classOf(value.file, value.cls);
    return cls?.callable && cls.ctor !== undefined ? { kind: 'fn', file: value.file, fn: cls.ctor } : null;
  }

  /**
   * Whether a value is a class written as a constructor function, or an instance of one: its prototype stays open to
   * members added where the model does not look (a mixin module's `Pad.prototype.x = ...`, a library's `extend`).
   */
  isConstructorFunction(value: Abstract): boolean {
    return (
      (value.kind === 'cls' || value.kind === 'instance') && this.classOf(value.file, value.cls)?.callable === true
    );
  }

  /**
   * Whether every value is an instance of a class written as a constructor function whose ancestors are all such
   * classes of the project: none of its methods comes from a package's or the platform's class.
   */
  ownChains(values: readonly Abstract[]): boolean {
    const own = (value: Abstract, depth: number): boolean => {
      if (value.kind !== 'instance' && value.kind !== 'cls') return false;
      const cls = this.classOf(value.file, value.cls);
      if (!cls?.callable || depth > MAX_DEPTH) return false;
      if (!cls.extends) return true;
      const parents = this.evaluate(value.file, cls.extends);
      return parents.length > 0 && parents.every((parent) => own(parent, depth + 1));
    };
    return values.length > 0 && values.every((value) => own(value, 0));
  }

  /** The data-access operation that calling a value is (`db.users.findOne` where `db` is a client), if any. */
  operation(values: readonly Abstract[]): DataAccessOperation | null {
    return this.knownOperation(values)?.operation ?? null;
  }

  /** `operation`, with the library whose shape it is. */
  private knownOperation(
    values: readonly Abstract[],
  ): { readonly operation: DataAccessOperation; readonly library: DataAccessLibrary } | null {
    for (const value of values) {
      if (value.kind !== 'shape') continue;
      const known = SHAPES_BY_NAME.get(value.shape);
      if (!known) continue;
      if (value.path.length === 0) {
        if (known.shape.callable) return { operation: known.shape.callable, library: known.library };
        continue;
      }
      const owner = shapeAfter(known.shape, value.path.slice(0, -1));
      const operation = own(owner?.methods, value.path[value.path.length - 1]);
      if (operation) return { operation, library: known.library };
    }
    return null;
  }

  /**
   * The catalogue shape of values, for the data-access detector: a shape itself, or, for an instance, object or
   * module, a shape whose properties are the members that hold data-access values (`getApp().dataSource`).
   */
  shapeOf(values: readonly Abstract[], depth = 0): ValueShape | null {
    for (const value of values) {
      if (value.kind === 'shape') {
        const known = SHAPES_BY_NAME.get(value.shape);
        const shape = known ? shapeAfter(known.shape, value.path) : null;
        if (shape && known) return { ...shape, library: known.library };
      } else if (value.kind === 'cls') {
        // A model class of another module (`module.exports = class User extends Model {}`): its statics' shape.
        const staticShape = this.classOf(value.file, value.cls)?.staticShape;
        const known = staticShape === undefined ? undefined : SHAPES_BY_NAME.get(staticShape);
        if (known) return { ...known.shape, library: known.library };
      }
    }
    if (depth > 1) return null;
    const properties: Record<string, ValueShape> = {};
    // Members that are a client's methods themselves (`exports.get = util.promisify(db.get.bind(db))`).
    const methods: Record<string, DataAccessOperation> = {};
    const libraries = new Set<DataAccessLibrary>();
    for (const value of values) {
      for (const [name, member] of Object.entries(this.members(value))) {
        const shape = this.shapeOf(member, depth + 1);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a name not set yet reads undefined
        if (shape && !properties[name]) properties[name] = shape;
        const known = shape ? null : this.knownOperation(member);
        if (known && !own(methods, name)) {
          methods[name] = known.operation;
          libraries.add(known.library);
        }
      }
    }
    if (Object.keys(properties).length === 0 && Object.keys(methods).length === 0) return null;
    // One library for all the methods, or none (the project's own object) when they come from several.
    const library = libraries.size === 1 ? [...libraries][0] : undefined;
    return { name: 'project-object', properties, methods, ...(library ? { library } : {}) };
  }

  /** The members of an instance (fields), object or module, evaluated. */
  members(value: Abstract): Record<string, Abstract[]> {
    const result: Record<string, Abstract[]> = {};
    if (value.kind === 'object') {
      for (const [name, member] of Object.entries(value.members)) result[name] = this.evaluate(value.file, member);
    } else if (value.kind === 'instance') {
      const cls = this.classOf(value.file, value.cls);
      for (const name of Object.keys(cls?.fields ?? {})) result[name] = this.fieldOf(value.file, value.cls, name);
    } else if (value.kind === 'module') {
      const summary = this.summary(value.file);
      for (const name of Object.keys(summary?.exports ?? {})) result[name] = this.lookup(value.file, [name]);
    }
    return result;
  }
}
