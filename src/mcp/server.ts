// The MCP server factory: a fresh `image-studio` server per HTTP request (stateless Streamable HTTP),
// with its tools bound to the caller the auth layer established.
import { McpServer } from '@modelcontextprotocol/server';
import type { Caller } from '../auth/index.js';
import { type GenerateToolDeps, registerGenerateImage } from './tools/generate-image.js';
import { registerHelp } from './tools/help.js';
import { type ImageInfoDeps, registerImageInfo } from './tools/image-info.js';

export type McpDeps = GenerateToolDeps & ImageInfoDeps & { version: string };

export function createMcpServer(deps: McpDeps, caller: Caller): McpServer {
  const server = new McpServer(
    { name: 'image-studio', version: deps.version },
    {
      instructions:
        'Generates images with Google Gemini. Call `help` for the parameters, models and prices. Results include a preview, a link to the full image, a share page and a filename to pass in reference_images for edits; `image_info` looks up an earlier image.',
    },
  );
  registerGenerateImage(server, deps, caller);
  registerImageInfo(server, deps, caller);
  registerHelp(server, deps, caller);
  return server;
}
