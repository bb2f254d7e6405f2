/**
 * The network's consent page, as small as it can be: who is signed in, what the app
 * asks for, and Allow / Cancel. A real browser (the connect page's Chromium test)
 * clicks through it like a user would.
 */
const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function consentPage(network: string, user: string, query: URLSearchParams): string {
  const keep = [
    'client_id',
    'client_key',
    'redirect_uri',
    'state',
    'scope',
    'code_challenge',
    'code_challenge_method',
  ];
  const hidden = keep
    .filter((name) => query.get(name) !== null)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeText(query.get(name) ?? '')}">`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeText(network)}: authorize</title></head>
<body><main><h1>${escapeText(network)}</h1>
<p>Signed in as <strong id="signed-in">${escapeText(user)}</strong>. Herald asks for: <code>${escapeText(query.get('scope') ?? '')}</code></p>
<form method="post" action="/fake/decide">
${hidden}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form></main></body></html>`;
}
