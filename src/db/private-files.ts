import fs from 'node:fs';
import path from 'node:path';

/**
 * Files that hold the site's data (the SQLite database and its -wal/-shm, dumps, the secret
 * key) are created readable by their owner only (0600), in folders only the owner can enter
 * (0700). Existing files and folders keep the modes an operator gave them.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates an empty 0600 file (and 0700 folders) unless it exists; SQLite then keeps the mode for -wal and -shm. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  try {
    fs.closeSync(
      fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
