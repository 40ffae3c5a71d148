// Runs the real `radome` command (bin/radome.js over the compiled dist/) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../sample-data.js';

const BIN = join(repoRoot, 'bin', 'radome.js');

export interface RadomeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `radome <args…>` to completion (killed after `timeoutMs`, so a hang fails the test). */
export function runRadome(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<RadomeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`radome ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RadomeServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything logged so far (JSON lines on stderr). */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts `radome <command> --port 0` and resolves once it logs the URL it serves. */
export function startRadome(command: 'serve' | 'start', env: Record<string, string>): Promise<RadomeServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, command, '--port', '0'], { cwd: repoRoot, env: { ...process.env, ...env } });
    let logs = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`radome ${command} did not start in time:\n${logs}`));
    }, 30_000);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('close', () => done());
        child.kill('SIGTERM');
      });
    child.stderr.on('data', (d) => {
      logs += d;
      const m = /"url":"(http:\/\/[^"]+)"/.exec(logs);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, logs: () => logs, stop });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`radome ${command} exited with ${code}:\n${logs}`));
    });
  });
}
