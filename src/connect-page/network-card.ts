import type { NetworkView } from '../linking/page-model.ts';
import type { FormNetwork } from '../linking/types.ts';
import { html, type SafeHtml } from './html.ts';

/** One network on the page: its account and health when linked, and what can be done. */

const HEALTH_TEXT = {
  ok: 'Working',
  expiring: 'Expiring soon',
  'needs-relink': 'Needs reconnecting',
} as const;

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join('') || '?'
  );
}

function avatar(name: string, picture: string | undefined): SafeHtml {
  // Only https pictures are shown; the initials stay underneath when one does not load (offline).
  const image = picture?.startsWith('https://')
    ? html`<img src="${picture}" alt="" referrerpolicy="no-referrer" loading="lazy" data-avatar>`
    : '';
  return html`<span class="avatar" aria-hidden="true"><span>${initials(name)}</span>${image}</span>`;
}

/** A username worth showing: not the display name again, nor an internal id (a LinkedIn member's). */
function showUsername(record: { username: string; displayName: string; externalId: string }): boolean {
  return (
    record.username !== '' &&
    record.username !== record.displayName &&
    !record.externalId.endsWith(record.username)
  );
}

function accountBlock(view: NetworkView): SafeHtml {
  const account = view.account;
  if (!account) return html`<p class="state">Not linked</p>`;
  const { record, health } = account;
  const days =
    health.refreshDaysRemaining !== undefined
      ? html` <span class="days">(${health.refreshDaysRemaining} days left)</span>`
      : '';
  return html`<div class="account">
${avatar(record.displayName, record.picture)}
<div>
<p class="account-name">${record.displayName}</p>
${showUsername(record) ? html`<p class="account-user">${record.username}</p>` : ''}
<p class="health health-${health.status}"><span class="health-dot" aria-hidden="true"></span>${HEALTH_TEXT[health.status]}${days}${record.sandbox ? ' · sandbox' : ''}</p>
${health.reason && health.status !== 'ok' ? html`<p class="health-reason">${health.reason}</p>` : ''}
</div>
</div>`;
}

function fieldsOf(view: NetworkView, form: FormNetwork): SafeHtml {
  return html`${form.fields.map((field) => {
    const id = `${view.platform}-${field.name}`;
    return html`<div class="field">
<label for="${id}">${field.label}${field.required ? '' : ' (optional)'}</label>
<input id="${id}" name="${field.name}" type="${field.type}" ${field.required ? html`required` : ''} autocomplete="${field.autocomplete ?? 'off'}" ${field.hint ? html`aria-describedby="${id}-hint"` : ''}>
${field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : ''}
</div>`;
  })}<p class="hint">${form.note}</p>`;
}

function actions(view: NetworkView, action: (what: string) => string): SafeHtml {
  const { availability, account, name, platform } = view;
  const unlink = account
    ? html`<form method="post" action="${action(`unlink/${platform}`)}" data-confirm="Unlink ${name}?">
<button type="submit" class="button button-secondary">Unlink<span class="visually-hidden"> ${name}</span></button>
</form>`
    : '';
  if (availability.kind === 'unconfigured') {
    return html`<p class="unavailable">Not configured by the operator: ${name} needs ${availability.variables}.</p>${unlink}`;
  }
  if (availability.kind === 'needs-keys') {
    return html`<p class="unavailable">${name} needs the developer’s X app keys (X-Twitter-OAuth1-Api-Key and X-Twitter-OAuth1-Api-Secret when this page was requested).</p>${unlink}`;
  }
  if (availability.kind === 'unavailable') {
    return html`<p class="unavailable">${name} cannot be linked from this page.</p>${unlink}`;
  }
  const verb = account ? 'Reconnect' : 'Connect';
  const { linking } = availability;
  let extra: SafeHtml | string = '';
  if (linking.kind === 'form') extra = fieldsOf(view, linking);
  if (linking.kind === 'instance') {
    const id = `${platform}-instance`;
    extra = html`<div class="field">
<label for="${id}">Your ${name} server</label>
<input id="${id}" name="instance" type="url" required placeholder="https://mastodon.social" autocomplete="url" aria-describedby="${id}-hint">
<p class="hint" id="${id}-hint">The address of the server your account is on.</p>
</div>`;
  }
  return html`<form method="post" action="${action(`start/${platform}`)}" class="connect-form">
${extra}
<button type="submit" class="button">${verb}<span class="visually-hidden"> ${name}</span></button>
</form>${unlink}`;
}

export function networkCard(view: NetworkView, action: (what: string) => string): SafeHtml {
  const id = `network-${view.platform}`;
  return html`<li class="card" id="${view.platform}">
<section aria-labelledby="${id}">
<h2 id="${id}">${view.name}</h2>
${accountBlock(view)}
<div class="actions">${actions(view, action)}</div>
</section>
</li>`;
}
