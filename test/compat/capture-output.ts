/** Runs a CLI command in-process and collects what it writes, so exit codes and output can be asserted together. */
import { vi } from 'vitest';
import { runCheckCommand } from '../../generator/cli/check-command.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function capture(run: () => Promise<number>): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run();
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * `unilog check ARGS` run in-process as if started in `dir`. The command reads process.cwd(): a spy, not
 * process.chdir, which worker threads (the mutation runs) lack.
 */
export async function checkIn(dir: string, args: readonly string[]): Promise<Captured> {
  const cwd = vi.spyOn(process, 'cwd').mockReturnValue(dir);
  try {
    return await capture(() => runCheckCommand(args));
  } finally {
    cwd.mockRestore();
  }
}
