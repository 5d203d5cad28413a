// Builders for MCP tool results, the one place that maps application errors to what an MCP client shows.
// Known AppErrors carry messages written for people and are shown as they are; anything else is logged
// and replaced by a generic message so no internal detail leaks.
import type { CallToolResult } from '@modelcontextprotocol/server';
import { isAppError } from '../errors.js';
import type { Logger } from '../log.js';

export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

export function errorResult(error: unknown, logger: Logger): CallToolResult {
  if (isAppError(error) && error.code !== 'internal') {
    return { content: [{ type: 'text', text: error.message }], isError: true };
  }
  logger.error({ err: error }, 'tool failed unexpectedly');
  return {
    content: [
      {
        type: 'text',
        text: 'Something went wrong on the server while handling this request, and no image was stored. Try again; if it keeps failing, tell the operator.',
      },
    ],
    isError: true,
  };
}
