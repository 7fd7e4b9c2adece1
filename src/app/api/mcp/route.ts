import { mcpHttpResponse } from "@/server/mcp/server";

// Model Context Protocol (streamable HTTP, stateless) for agents with an API token: see src/server/mcp/server.ts.
const handler = (req: Request) => mcpHttpResponse(req);

export { handler as GET, handler as POST, handler as DELETE };
