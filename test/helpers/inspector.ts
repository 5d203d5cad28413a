// Runs the official MCP Inspector CLI (`@modelcontextprotocol/inspector-cli`) against a server and parses
// its JSON output. The CLI looks for its own package.json relative to the working directory, so it is run
// from its build folder.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function inspectorBuildDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@modelcontextprotocol/inspector-cli/package.json')), 'build');
}

export async function runInspector(args: string[]): Promise<unknown> {
  const cwd = inspectorBuildDir();
  const { stdout } = await run(process.execPath, [join(cwd, 'index.js'), ...args], { cwd, timeout: 60_000 });
  return JSON.parse(stdout);
}
