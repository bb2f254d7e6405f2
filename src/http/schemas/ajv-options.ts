/**
 * How request schemas are checked, over Fastify's ajv defaults: no type coercion (a number
 * where a string belongs is an error, not a guess), nothing removed, the first problem only.
 * The MCP tools check their arguments with the same options (src/mcp/tool-input.ts).
 */
export const AJV_CUSTOM_OPTIONS = { allErrors: false, coerceTypes: false, removeAdditional: false } as const;
