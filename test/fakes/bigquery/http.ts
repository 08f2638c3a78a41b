/** JSON responses in the shape Google APIs use (errors with code, message, errors[].reason, status). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

export function apiError(res: ServerResponse, status: number, reason: string, message: string): void {
  const statusText = ({ 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS' } as Record<number, string>)[status] ?? 'INTERNAL';
  send(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: statusText } });
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

