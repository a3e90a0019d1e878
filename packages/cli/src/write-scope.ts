import path from 'node:path';
import { displayPath } from './files.js';
import type { SourceSnapshot } from './write.js';

/** Whether `file` is `folder` or inside it. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * Where a `migrate` run may write: the source files inside the paths it was given (and inside the working directory),
 * and the manifest of the package that owns a changed file when that manifest is inside the repository (the git work
 * tree holding the working directory, or the working directory outside git). Everything else is reported, not written.
 */
export class WriteScope {
  private readonly given: readonly string[];
  private readonly byRealPath = new Map<string, string>();
  private root: Promise<string> | undefined;

  constructor(
    private readonly cwd: string,
    paths: readonly string[],
    private readonly findRepository: () => Promise<string>,
  ) {
    this.given = paths.map((given) => path.resolve(cwd, given));
  }

  /** The folder manifests must be in: the git repository's top level, or the working directory outside git. */
  repository(): Promise<string> {
    return (this.root ??= this.findRepository());
  }

  /** Whether a change to `file` is inside the paths the run was given. */
  inPaths(file: string): boolean {
    return this.given.some((given) => isInside(given, file)) && isInside(this.cwd, file);
  }

  /**
   * Why a file of the run's file set is not migrated (it is `skipped` with that reason), or `null`: files outside
   * the working directory, symlinks to files outside it, and a second path to a file already in the set.
   */
  refuseSource(file: string, snapshot: SourceSnapshot): string | null {
    if (!isInside(this.cwd, file)) return 'outside the working directory';
    if (!isInside(this.cwd, snapshot.realPath)) return 'a symlink to a file outside the working directory';
    const first = this.byRealPath.get(snapshot.realPath);
    if (first !== undefined) return `the same file as ${displayPath(this.cwd, first)}`;
    this.byRealPath.set(snapshot.realPath, file);
    return null;
  }
}
