import type { ComponentChildren } from 'preact';
import { asArray, type Json, text } from './api.ts';
import { useCatalog } from './hooks.ts';

/**
 * A catalog error in plain words: what happened (the answer's message), what to do (the
 * catalog's remedy), and whether a retry or a relink helps.
 */
export function ErrorNote({ error }: { error: Json }) {
  const entries = useCatalog();
  const code = Number(error.code);
  const entry = entries.get(code);
  return (
    <div class="error-note">
      <p>
        <strong>
          {error.platform ? `${text(error.platform)}: ` : ''}
          {entry?.title ?? 'Error'} ({code})
        </strong>{' '}
        {text(error.message)}
      </p>
      {error.details ? <p class="hint">Details: {text(error.details)}</p> : null}
      {entry ? (
        <p class="remedy">
          <span class="label">What to do:</span> {entry.remedy}
        </p>
      ) : null}
      {error.retryAvailable === true || entry?.retryAvailable ? (
        <p class="hint">A retry can succeed.</p>
      ) : null}
      {entry?.relink ? <p class="hint">Link the account again (Accounts).</p> : null}
    </div>
  );
}

/** A whole-request failure, or nothing. */
export function Failure({ error }: { error: Json | undefined }) {
  if (!error) return null;
  return (
    <div role="alert">
      <ErrorNote error={error} />
    </div>
  );
}

/** Each network's outcome of a post: its live link, or its error with the remedy. */
export function Outcome({ post }: { post: Json }) {
  const ids = asArray(post.postIds);
  const errors = asArray(post.errors);
  const targets = asArray(post.targets);
  const platforms = [
    ...new Set([...targets, ...ids, ...errors].map((x) => text(x.platform)).filter((p) => p !== '')),
  ];
  return (
    <ul class="outcome">
      {platforms.map((platform) => {
        const live = ids.find((i) => i.platform === platform);
        const error = errors.find((e) => e.platform === platform);
        const state = targets.find((t) => t.platform === platform)?.state;
        return (
          <li key={platform} data-platform={platform}>
            <span class="platform">{platform}</span> <span class="state">{text(state ?? live?.status)}</span>{' '}
            {live?.postUrl ? (
              <a href={text(live.postUrl)} target="_blank" rel="noopener noreferrer">
                View the live post on {platform}
              </a>
            ) : null}
            {error ? <ErrorNote error={error} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A polite status line for screen readers and eyes alike. */
export function Status({ message }: { message: string }) {
  return (
    <p role="status" class="status">
      {message}
    </p>
  );
}
