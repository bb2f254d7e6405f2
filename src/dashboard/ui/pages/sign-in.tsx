import { useState } from 'preact/hooks';
import { Failure } from '../components.tsx';
import { signIn, signOut } from '../session.ts';

/**
 * The API key is checked with GET /api/user before it is kept (sessionStorage only).
 * The form posts nowhere: the key never reaches the address bar.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<Record<string, unknown> | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <main class="sign-in">
      <h1>Sign in to Herald</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const response = await fetch('/api/user', { headers: { authorization: `Bearer ${key.trim()}` } });
          setBusy(false);
          if (response.ok) {
            signIn(key);
            onSignedIn();
          } else {
            signOut();
            setError((await response.json()) as Record<string, unknown>);
          }
        }}
      >
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p class="hint">Kept in this tab only (sessionStorage) and sent as a Bearer token.</p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <Failure error={error} />
    </main>
  );
}
