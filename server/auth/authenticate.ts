import { GraphQLError } from 'graphql';
import { DEFAULT_WORKSPACE_ID } from '../storage/entities/workspace.entity';
import type { ApiKeyService } from './api-key.service';

/**
 * Who a request acts for. A request with `Authorization: Bearer <key>` acts for the key's workspace; a missing,
 * malformed, unknown or revoked key is UNAUTHENTICATED (HTTP 401). Without a header the request is let in only in
 * the open single-user mode: the server listens on a loopback address and no key was ever created; it then acts
 * for the default (demo) workspace.
 */
export async function authenticate(
  authorization: string | undefined,
  keys: ApiKeyService,
  openOnLoopback: boolean,
): Promise<string> {
  if (authorization !== undefined && authorization !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const workspaceId = match ? await keys.workspaceOf(match[1]) : null;
    if (!workspaceId) throw unauthenticated('The API key is not valid (unknown, revoked or malformed)');
    return workspaceId;
  }
  if (openOnLoopback && !(await keys.anyKeyExists())) return DEFAULT_WORKSPACE_ID;
  throw unauthenticated('An API key is required: send it as "Authorization: Bearer <key>" (npm run keys -- create)');
}

/** True for the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** True when the request's Host header names this machine (localhost, 127.x.x.x or [::1], any port). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return isLoopback(name.toLowerCase());
}
