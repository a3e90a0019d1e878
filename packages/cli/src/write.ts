import { constants, promises as fs, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import atomicWrite from 'write-file-atomic';

/**
 * How a source file's bytes became text: `utf8` when they are valid UTF-8 (a byte order mark stays in the text),
 * else `latin1`, which maps every byte to one character and back, so a file with a Latin-1 comment (or any other
 * bytes that are not UTF-8) is rewritten byte for byte outside the edits instead of getting U+FFFD.
 */
export type SourceEncoding = 'utf8' | 'latin1';

/** A file as `migrate` read it: what the disk must still hold when the new text is written. */
export interface SourceSnapshot {
  /** The file the bytes are in: a symlink's target, never the link itself. */
  readonly realPath: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly encoding: SourceEncoding;
  /** The text as decoded: encoded again, it gives the bytes that were read. */
  readonly text: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file's bytes: UTF-8 when they are valid UTF-8, else Latin-1 (byte for byte). */
export function decodeSource(bytes: Uint8Array): { readonly text: string; readonly encoding: SourceEncoding } {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      encoding: 'latin1',
    };
  }
}

/** Why a change was not written. The file on disk is left exactly as it was. */
export class WriteRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

/** Encodes text the way its file was decoded; a character Latin-1 cannot hold is refused, not replaced. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  if (encoding === 'latin1') {
    // eslint-disable-next-line no-control-regex -- Latin-1 is U+0000 to U+00FF, control characters included
    if (/[^\u0000-\u00ff]/u.test(text)) {
      throw new WriteRefusedError(
        'the file is not UTF-8, and the new code has a character its encoding cannot hold; not written',
      );
    }
  }
  return Buffer.from(text, encoding);
}

/** Reads a source file (following a symlink to its target) and remembers what was read. */
export function readSource(file: string): SourceSnapshot {
  const realPath = realPathOf(path.resolve(file));
  const bytes = readFileSync(realPath);
  const stats = statSync(realPath);
  const { text, encoding } = decodeSource(bytes);
  return { realPath, size: stats.size, mtimeMs: stats.mtimeMs, encoding, text };
}

/** The file a path names once every symlink is followed; the path itself when it cannot be resolved. */
function realPathOf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** Whether this process can give a rewritten file its owner back: as root, or as the owner itself. */
function mayKeepOwner(stats: { uid: number }): boolean {
  const uid = process.getuid?.();
  return uid === undefined || uid === 0 || uid === stats.uid;
}

/**
 * Replaces a file `migrate` read with new text, safely:
 * - the bytes go to the file's real path (a symlink is followed, never replaced by a regular file);
 * - the file must still be the one that was read (size, modification time and content): a file changed or deleted
 *   since is not written, so a concurrent edit or another run's change is never lost or brought back;
 * - a read-only file (no write permission bit, or not writable by this process) is not written;
 * - the new text is written atomically (a temporary file in the same folder, renamed over the original) with the
 *   original's mode, owner and group; a file whose owner this process cannot keep is not written;
 * - the temporary file is removed on failure and when the process ends on SIGINT or SIGTERM during the write.
 * Throws `WriteRefusedError` for a refusal and the file system's error for a failure; either way the file is as it was.
 */
export async function writeSource(snapshot: SourceSnapshot, text: string): Promise<void> {
  const bytes = encodeSource(text, snapshot.encoding);
  const target = snapshot.realPath;
  const stats = await fs.stat(target).catch(() => undefined);
  if (!stats) throw new WriteRefusedError('deleted since it was read; not written');
  if (
    (stats.mode & 0o222) === 0 ||
    !(await fs.access(target, constants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    throw new WriteRefusedError('read-only; not written');
  }
  const current = stats.size === snapshot.size && stats.mtimeMs === snapshot.mtimeMs ? await fs.readFile(target) : null;
  if (!current || !current.equals(encodeSource(snapshot.text, snapshot.encoding))) {
    throw new WriteRefusedError('changed on disk since it was read; not written (run migrate again)');
  }
  if (!mayKeepOwner(stats)) {
    throw new WriteRefusedError(
      `owned by another user (uid ${stats.uid}); rewriting it would change its owner; not written`,
    );
  }
  await atomicWrite(target, bytes, {
    mode: stats.mode & 0o7777,
    chown: { uid: stats.uid, gid: stats.gid },
  });
}

/**
 * Creates a file a multi-file codemod adds (a shared module). A file that appeared since the codemod looked is not
 * overwritten.
 */
export async function createSource(file: string, text: string): Promise<void> {
  if (
    await fs.lstat(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new WriteRefusedError('created by someone else since migrate looked; not written');
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await atomicWrite(file, text);
}

/**
 * Replaces `file`'s content atomically with the original's mode, owner and group, following a symlink to its target:
 * the text goes to a temporary file in the same folder, which is renamed over the original. Readers see the old or
 * the new file, never a part. A file that does not exist is created (with its folder).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const stats = await fs.stat(file).catch(() => undefined);
  if (!stats) {
    await createSource(file, text);
    return;
  }
  await atomicWrite(file, text, {
    mode: stats.mode & 0o7777,
    chown: { uid: stats.uid, gid: stats.gid },
  });
}
