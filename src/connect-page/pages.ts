import type { NetworkView } from '../linking/page-model.ts';
import type { Choice } from '../linking/types.ts';
import { html, type SafeHtml } from './html.ts';
import { layout, notice } from './layout.ts';
import { networkCard } from './network-card.ts';

/** The connect page and the pages around it, rendered on the server (the script only helps). */

export interface PageContext {
  base: string;
  sessionId: string;
  title: string;
  expiresAt: Date;
  redirect?: string;
}

function actionUrl(page: PageContext): (what: string) => string {
  return (what) => `${page.base}/connect/${page.sessionId}/${what}`;
}

function done(page: PageContext): SafeHtml {
  const target = page.redirect ?? '';
  return html`<footer class="footer">
<p class="expires">This page works until <time datetime="${page.expiresAt.toISOString()}">${page.expiresAt.toUTCString()}</time>.</p>
${
  target
    ? html`<a class="button button-done" href="${target}" data-done>Done</a>`
    : html`<button type="button" class="button button-done" data-done data-close>Done</button>
<p class="hint" data-close-hint hidden>You can close this window now.</p>`
}
</footer>`;
}

export function connectPage(page: PageContext, networks: readonly NetworkView[], message?: SafeHtml): string {
  const body = html`<header class="header">
<h1>Link your accounts</h1>
<p class="lead">for <strong>${page.title}</strong>. Each network opens its own page to ask you; Herald never sees your passwords there.</p>
</header>
${message ?? ''}
<ul class="cards">
${networks.map((n) => networkCard(n, actionUrl(page)))}
</ul>
${done(page)}`;
  return layout(page.base, `Link your accounts: ${page.title}`, body);
}

export function choosePage(
  page: PageContext,
  platformName: string,
  flowId: string,
  choices: readonly Choice[],
): string {
  const body = html`<header class="header">
<h1>Choose the ${platformName} account</h1>
<p class="lead">Your ${platformName} login can post as any of these. Herald will post as the one you choose.</p>
</header>
<form method="post" action="${actionUrl(page)(`choose/${flowId}`)}" class="choose-form">
<fieldset>
<legend>${platformName} accounts</legend>
${choices.map(
  (choice, i) => html`<div class="choice">
<input type="radio" name="choice" id="choice-${i}" value="${choice.id}" ${i === 0 ? html`checked` : ''}>
<label for="choice-${i}"><span class="choice-name">${choice.name}</span> <span class="choice-kind">${choice.kind}${choice.username ? ` · ${choice.username}` : ''}</span></label>
</div>`,
)}
</fieldset>
<div class="actions">
<button type="submit" class="button">Link this account</button>
<a class="button button-secondary" href="${page.base}/connect/${page.sessionId}">Cancel</a>
</div>
</form>`;
  return layout(page.base, `Choose the ${platformName} account`, body);
}

/** A page that only says something: an expired link, a refused authorization. */
export function messagePage(
  base: string,
  title: string,
  text: string,
  details: string | undefined,
  back?: string,
): string {
  const body = html`<header class="header"><h1>${title}</h1></header>
${notice('error', text, details)}
${back ? html`<p><a class="button" href="${back}">Back to your accounts</a></p>` : ''}`;
  return layout(base, title, body);
}
