import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A running Pub/Sub emulator started by {@link startPubSubEmulator}. */
export interface PubSubEmulator {
  /** `127.0.0.1:<port>`, for `PUBSUB_EMULATOR_HOST` or `createPubSub({ emulatorHost })`. */
  readonly host: string;
  stop(): Promise<void>;
}

/** Environment for gcloud that keeps it off the network and out of the user's config. */
function gcloudEnv(configDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CLOUDSDK_CONFIG: configDir,
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_SURVEY_DISABLE_PROMPTS: 'true',
  };
}

/**
 * Why the emulator cannot run here (`gcloud` missing, component missing, no Java), or undefined
 * when it can. Runs only local commands.
 */
export function pubSubEmulatorUnavailable(): string | undefined {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcloud-probe-'));
  try {
    const version = spawnSync('gcloud', ['--version'], {
      env: gcloudEnv(configDir),
      encoding: 'utf8',
    });
    if (version.error || version.status !== 0) return 'gcloud is not installed';
    if (!/pubsub-emulator/.test(version.stdout)) {
      return 'the gcloud component `pubsub-emulator` is not installed';
    }
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (java.error || java.status !== 0) return 'Java (needed by the emulator) is not installed';
    return undefined;
  } finally {
    fs.rmSync(configDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the emulator did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * Starts `gcloud beta emulators pubsub start` on 127.0.0.1 and a free port, in its own process
 * group so {@link PubSubEmulator.stop} ends gcloud and the Java server it spawned together.
 */
export async function startPubSubEmulator(
  options: { projectId?: string; timeoutMs?: number } = {},
): Promise<PubSubEmulator> {
  const port = await freePort();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-emulator-'));
  fs.mkdirSync(path.join(work, 'data'));
  const log = fs.openSync(path.join(work, 'emulator.log'), 'w');
  const child = spawn(
    'gcloud',
    [
      'beta',
      'emulators',
      'pubsub',
      'start',
      `--host-port=127.0.0.1:${port}`,
      `--project=${options.projectId ?? 'matriz-test'}`,
      `--data-dir=${path.join(work, 'data')}`,
    ],
    { env: gcloudEnv(path.join(work, 'config')), detached: true, stdio: ['ignore', log, log] },
  );
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, options.timeoutMs ?? 60_000);
  } catch (error) {
    const output = fs.readFileSync(path.join(work, 'emulator.log'), 'utf8').slice(-2000);
    await stop();
    throw new Error(`${(error as Error).message}; its output ends with:\n${output}`, {
      cause: error,
    });
  }
  return { host: `127.0.0.1:${port}`, stop };
}
