// Image throughput from outside, with wrk: the built server (`node dist/main.js`) serving a ~48 KB and a
// ~400 KB JPEG on /i/, the ~48 KB one as a download on /d/, and its gallery thumbnail on /ui/thumbs/,
// each side by side with a baseline serving the same bytes in the same run: nginx when it is installed,
// else a minimal Node server answering from memory. Every figure is reported as a ratio to its baseline.
// Loopback only; each run is bounded by wrk's duration.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { busyPixels } from '../test/helpers/image-fixtures.js';
import { freePort, spawnServer } from '../test/helpers/server.js';

const run = promisify(execFile);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((path) => existsSync(path));

export interface ImageThroughput {
  label: string;
  bytes: number;
  baseline: 'nginx' | 'node-memory';
  baselineRps: number;
  serverRps: number;
  ratio: number;
  errors: number;
}

/** A JPEG of about `target` bytes (busy pixels, size tuned by the side length). */
export async function jpegNear(target: number): Promise<Buffer> {
  let side = 256;
  for (;;) {
    const data = await sharp(busyPixels(side, side, 30), { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
    if (data.length >= target * 0.9) return data;
    side = Math.round(side * Math.sqrt(target / data.length) * 1.02);
  }
}

async function wrk(
  url: string,
  seconds: number,
  connections: number,
): Promise<{ rps: number; errors: number }> {
  if (WRK === undefined) throw new Error('wrk is not installed');
  const { stdout } = await run(WRK, ['-t2', `-c${connections}`, `-d${seconds}s`, url], {
    maxBuffer: 1 << 20,
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = (socket?.slice(1).reduce((sum, n) => sum + Number(n), 0) ?? 0) + non2xx;
  return { rps, errors };
}

async function startNginx(folder: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const conf = join(folder, 'nginx.conf');
  await mkdir(join(folder, 'nginx-tmp'), { recursive: true });
  await writeFile(
    conf,
    `worker_processes 1; daemon off; pid ${folder}/nginx.pid; error_log ${folder}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${folder}/nginx-tmp; proxy_temp_path ${folder}/nginx-tmp;
  fastcgi_temp_path ${folder}/nginx-tmp; uwsgi_temp_path ${folder}/nginx-tmp; scgi_temp_path ${folder}/nginx-tmp;
  types { image/jpeg jpg; image/webp webp; }
  server { listen 127.0.0.1:${port}; root ${folder}/files; location /i/ { alias ${folder}/files/; } } }
`,
  );
  const child = spawn(NGINX as string, ['-c', conf, '-p', folder], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** The smallest Node server that can serve a file: bytes in memory, fixed headers, no framework. */
async function startNodeMemory(
  files: Map<string, Buffer>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const bytes = files.get((req.url ?? '').slice(3));
    if (bytes === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = req.url?.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Refuses to measure a target that does not serve exactly these bytes (a fast 404 is no baseline). */
async function expectSame(url: string, bytes: Buffer): Promise<void> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || !body.equals(bytes))
    throw new Error(`${url} answered ${response.status} with ${body.length} bytes, not the sample`);
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (
      await fetch(`${url}/`).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not start`);
}

export async function benchImages(options: { seconds?: number; connections?: number; rounds?: number } = {}) {
  const seconds = options.seconds ?? 2;
  const rounds = options.rounds ?? 3;
  const connections = options.connections ?? 32;
  const folder = await mkdtemp(join(tmpdir(), 'image-bench-'));
  // nginx workers may run as another user: let them into the temp folder.
  await chmod(folder, 0o755);
  const root = join(folder, 'root');
  await mkdir(join(folder, 'files'), { recursive: true });
  await mkdir(root, { recursive: true });
  const small = { name: `${'a'.repeat(32)}.jpg`, bytes: await jpegNear(48_000) };
  const large = { name: `${'b'.repeat(32)}.jpg`, bytes: await jpegNear(400_000) };
  const files = new Map<string, Buffer>();
  const serve = async (name: string, bytes: Buffer) => {
    await writeFile(join(folder, 'files', name), bytes);
    files.set(name, bytes);
  };
  for (const sample of [small, large]) {
    await serve(sample.name, sample.bytes);
    await writeFile(join(root, sample.name), sample.bytes);
  }
  const baselineKind = NGINX === undefined ? ('node-memory' as const) : ('nginx' as const);
  const server = await spawnServer({ entry: ['dist/main.js'], env: { IMG_ROOT: root, LOG_LEVEL: 'info' } });
  // The thumbnail is whatever the server makes; the baselines then serve those very bytes.
  const thumbPath = `/ui/thumbs/${small.name}`;
  const thumbnail = Buffer.from(await (await fetch(`${server.url}${thumbPath}`)).arrayBuffer());
  const thumbName = `${'a'.repeat(32)}.webp`;
  await serve(thumbName, thumbnail);
  const cases = [
    { label: '/i/ 1K JPEG', path: `/i/${small.name}`, file: small.name, bytes: small.bytes },
    { label: '/i/ 4K JPEG', path: `/i/${large.name}`, file: large.name, bytes: large.bytes },
    { label: '/d/ 1K JPEG', path: `/d/${small.name}`, file: small.name, bytes: small.bytes },
    { label: 'thumbnail', path: thumbPath, file: thumbName, bytes: thumbnail },
  ];
  const baseline = NGINX === undefined ? await startNodeMemory(files) : await startNginx(folder);
  const nodeMemory = await startNodeMemory(files);
  const figures: ImageThroughput[] = [];
  const nodeFigures: { label: string; ratio: number }[] = [];
  try {
    for (const sample of cases) {
      const targets = [`${baseline.url}/i/${sample.file}`, `${nodeMemory.url}/i/${sample.file}`];
      const ourUrl = `${server.url}${sample.path}`;
      for (const url of [...targets, ourUrl]) await expectSame(url, sample.bytes);
      // Warm up each target (and the server's cache), then alternate short rounds so that load from
      // elsewhere on the machine falls on all three alike; the figure is the sum over the rounds.
      for (const url of [...targets, ourUrl]) await wrk(url, 1, 8);
      const totals = { base: 0, ours: 0, plain: 0, errors: 0 };
      for (let round = 0; round < rounds; round += 1) {
        const base = await wrk(targets[0] ?? '', seconds, connections);
        const ours = await wrk(ourUrl, seconds, connections);
        const plain = await wrk(targets[1] ?? '', seconds, connections);
        totals.base += base.rps;
        totals.ours += ours.rps;
        totals.plain += plain.rps;
        totals.errors += ours.errors;
      }
      figures.push({
        label: sample.label,
        bytes: sample.bytes.length,
        baseline: baselineKind,
        baselineRps: Math.round(totals.base / rounds),
        serverRps: Math.round(totals.ours / rounds),
        ratio: totals.ours / totals.base,
        errors: totals.errors,
      });
      nodeFigures.push({ label: sample.label, ratio: totals.plain / totals.base });
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await baseline.stop();
    await nodeMemory.stop();
    await rm(folder, { recursive: true, force: true });
  }
  return { figures, nodeMemory: nodeFigures };
}
