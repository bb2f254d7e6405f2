import { html, type SafeHtml } from './html.ts';

/**
 * The frame of every connect page: no external asset (its stylesheet and script are
 * served by Herald), a viewport for phones and webviews, English text.
 */
export function layout(base: string, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="${base}/connect/assets/connect.css">
<script src="${base}/connect/assets/connect.js" defer></script>
</head>
<body>
<main id="main" class="page">
${body}
</main>
</body>
</html>
`.value;
}

/** A message at the top of a page: `alert` for errors (announced at once), `status` otherwise. */
export function notice(kind: 'error' | 'success', text: string, details?: string): SafeHtml {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="notice notice-${kind}" role="${role}" tabindex="-1" data-focus>
<p class="notice-title">${kind === 'error' ? 'Not linked: ' : ''}${text}</p>
${details ? html`<p class="notice-details">${details}</p>` : ''}
</div>`;
}
