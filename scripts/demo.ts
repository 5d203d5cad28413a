// npm run demo: tries the whole flow without a Gemini key. Starts the test tree's fake Gemini on loopback
// and the real server pointed at it (auth off, data in ./data), in demo mode so the logs say the images
// are synthetic. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { startFakeGemini } from '../test/fakes/gemini.js';

// The server's first line names the MCP and dashboard URLs; its demo-mode warning names the fake's URL.
const fake = await startFakeGemini({ host: '127.0.0.1', port: Number(process.env.DEMO_GEMINI_PORT ?? 0) });

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    IMG_AUTH_DISABLED: '1',
    IMG_ROOT: process.env.IMG_ROOT ?? './data',
    IMG_DEMO_MODE: '1',
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
    GEMINI_BASE_URL: fake.url,
    GEMINI_API_KEY: 'demo-key-for-the-fake-gemini',
  },
});

const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('exit', async (code) => {
  await fake.close();
  process.exit(code ?? 0);
});
