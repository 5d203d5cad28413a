// The MCP server factory: a fresh `image-studio` server per HTTP request (stateless Streamable HTTP),
// with its tools bound to the caller the auth layer established.
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/server';
import type { Caller } from '../auth/index.js';
import { type GenerateToolDeps, registerGenerateImage } from './tools/generate-image.js';
import { registerGetUsage, type UsageToolDeps } from './tools/get-usage.js';
import { type HelpToolDeps, registerHelp } from './tools/help.js';
import { type ImageInfoDeps, registerImageInfo } from './tools/image-info.js';
import { type ListToolDeps, registerListImages } from './tools/list-images.js';

export type McpDeps = GenerateToolDeps &
  HelpToolDeps &
  ImageInfoDeps &
  ListToolDeps &
  UsageToolDeps & { version: string };

export function createMcpServer(deps: McpDeps, caller: Caller): McpServer {
  const server = new McpServer(
    { name: 'image-studio', version: deps.version },
    {
      instructions:
        'Generates images with Google Gemini. Call `help` for the parameters, models, prices and your budget. Results include a preview, a link to the full image, a share page and a filename to pass in reference_images for edits. `image_info` looks up an earlier image, `list_images` finds earlier images by words of their prompt, and `get_usage` shows spending.',
    },
  );
  const tools = [
    registerGenerateImage(server, deps, caller),
    registerImageInfo(server, deps, caller),
    registerHelp(server, deps, caller),
    registerListImages(server, deps, caller),
    registerGetUsage(server, deps, caller),
  ];
  for (const tool of tools) shareOutputSchemaJson(tool);
  return server;
}

/** JSON Schemas of the tools' output schemas, converted once per process rather than once per request. */
const outputSchemaJson = new WeakMap<object, Record<string, unknown>>();

/**
 * The SDK converts a tool's output schema to JSON Schema on the first call of every server it makes, and
 * with a server per request that is every call (about a third of a millisecond each). The schemas are
 * module constants, so the first conversion serves every later server.
 */
function shareOutputSchemaJson(tool: RegisteredTool): void {
  const schema = tool.outputSchema;
  if (schema === undefined) return;
  const known = outputSchemaJson.get(schema);
  if (known !== undefined) tool.outputSchemaJson = known;
  else if (tool.outputSchemaJson !== undefined) outputSchemaJson.set(schema, tool.outputSchemaJson);
}
