/**
 * One Astro build at a time per project: Astro keeps its content store and prerender chunks in the
 * project's `.astro/`, so two concurrent builds (e.g. test files building fixtures in parallel)
 * would read each other's pages. A lock file holding the owner's pid serialises them; a lock whose
 * owner is gone is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Whether a process with this id is running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, '.cache', 'build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(lock, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      // An empty file is a lock being written: wait like for a live owner.
      if (owner > 0 && !alive(owner)) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
