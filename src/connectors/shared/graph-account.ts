import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { ConnectorContext, ErrorRow, VerifiedAccount } from '../types.ts';
import { GraphClient, type GraphFailure, stringField } from './graph-client.ts';
import { classifyGraph, type MetaPlatform, unreachableSpec } from './graph-errors.ts';

/** A Meta account as Herald stores it: the object id (Page, IG user, Threads user) and its token. */
export interface GraphAccount {
  id: string;
  token: string;
}

export interface CredentialNames {
  id: string;
  token: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The account from credentials as sent or stored; a string names the first problem. */
export function readGraphAccount(
  raw: Readonly<Record<string, unknown>>,
  names: CredentialNames,
): GraphAccount | string {
  const id = text(raw[names.id]);
  const token = text(raw[names.token]);
  if (!id) return `${names.id} is required`;
  if (!/^\d+$/.test(id))
    return `${names.id} must be the numeric id Meta gives the account, got ${JSON.stringify(id.slice(0, 40))}`;
  if (!token) return `${names.token} is required`;
  return { id, token };
}

export function clientFor(account: GraphAccount, ctx: ConnectorContext): GraphClient {
  return new GraphClient({
    baseUrl: ctx.baseUrl,
    version: ctx.apiVersion,
    token: account.token,
    fetch: ctx.fetch,
    signal: ctx.signal,
  });
}

export interface VerifySpec {
  platform: MetaPlatform;
  platformName: string;
  names: CredentialNames;
  /** Fields asked for, e.g. `id,username,name`. */
  fields: string;
  table: readonly ErrorRow[];
  /** Whether a classified failure, at link time, means these credentials are wrong (a relink code). */
  rejects(spec: ErrorSpec): boolean;
  profile(
    body: Record<string, unknown>,
    account: GraphAccount,
  ): Omit<VerifiedAccount, 'credentials' | 'externalId'>;
}

function refusal(spec: VerifySpec, failure: GraphFailure): HeraldError {
  if (failure.kind === 'network')
    return new HeraldError(unreachableSpec(spec.platform, spec.platformName, failure.reason));
  const { spec: classified } = classifyGraph(spec.table, failure, spec.platform, spec.platformName);
  const { code, subcode, message } = failure.error;
  const details = `(${[code, subcode].filter((n) => n !== undefined).join('/') || failure.status}) ${message}`;
  // At link time an authorization failure means these credentials are wrong, not that a relink is due.
  if (spec.rejects(classified))
    return new HeraldError({ code: 613, params: { platformName: spec.platformName }, details });
  return new HeraldError(classified);
}

/** Links an account: one GET of the object with its token proves both belong together. */
export async function verifyGraphAccount(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
  spec: VerifySpec,
): Promise<VerifiedAccount> {
  const account = readGraphAccount(raw, spec.names);
  if (typeof account === 'string')
    throw new HeraldError({ code: 613, params: { platformName: spec.platformName }, details: account });
  const answer = await clientFor(account, ctx).get([account.id], { fields: spec.fields });
  if (!answer.ok) throw refusal(spec, answer.failure);
  const id = stringField(answer.value, 'id');
  if (id !== account.id) {
    throw new HeraldError({
      code: 613,
      params: { platformName: spec.platformName },
      details: `${spec.names.id} ${account.id} answered as ${id ?? 'nothing'}`,
    });
  }
  return {
    externalId: account.id,
    ...spec.profile(answer.value, account),
    credentials: { [spec.names.id]: account.id, [spec.names.token]: account.token },
  };
}
