import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file`'s content atomically: the text goes to a temporary file in the same folder (same file system),
 * which gets the original's mode and is then renamed over it. Readers see the old or the new file, never a part.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const directory = path.dirname(file);
  const temporary = path.join(
    directory,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  // A new file (one a multi-file codemod creates) gets the default mode and its folder.
  const mode = await fs.stat(file).then(
    (stats) => stats.mode,
    async () => {
      await fs.mkdir(directory, { recursive: true });
      return 0o644;
    },
  );
  try {
    await fs.writeFile(temporary, text, { mode: mode & 0o7777, flag: 'wx' });
    await fs.chmod(temporary, mode & 0o7777);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
