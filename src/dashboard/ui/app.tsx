import { useEffect, useState } from 'preact/hooks';
import { AccountsPage } from './pages/accounts.tsx';
import { CatalogPage } from './pages/catalog.tsx';
import { ComposerPage } from './pages/composer.tsx';
import { HistoryPage } from './pages/history.tsx';
import { MediaPage } from './pages/media.tsx';
import { QueuePage } from './pages/queue.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { WebhooksPage } from './pages/webhooks.tsx';
import { apiKey, chosenProfile, signOut } from './session.ts';

/** Pages by hash route (#/history): the address names a page, never a key. */
const PAGES = [
  { path: 'composer', label: 'Compose', Page: ComposerPage },
  { path: 'queue', label: 'Queue', Page: QueuePage },
  { path: 'history', label: 'History', Page: HistoryPage },
  { path: 'accounts', label: 'Accounts', Page: AccountsPage },
  { path: 'webhooks', label: 'Webhooks', Page: WebhooksPage },
  { path: 'errors', label: 'Error catalog', Page: CatalogPage },
  { path: 'media', label: 'Media checker', Page: MediaPage },
] as const;

function currentPath(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] || 'composer';
}

export function App() {
  const [path, setPath] = useState(currentPath());
  const [signedIn, setSignedIn] = useState(apiKey() !== null);
  // The profile chosen on the Accounts page: every page re-renders under its key.
  const [profileTick, setProfileTick] = useState(0);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  useEffect(() => {
    document.title = signedIn ? `${page.label} · Herald` : 'Sign in · Herald';
  }, [page, signedIn]);

  if (!signedIn) return <SignInPage onSignedIn={() => setSignedIn(true)} />;
  const profile = chosenProfile();
  const { Page } = page;
  return (
    <>
      <header>
        <p class="brand">Herald</p>
        <nav aria-label="Dashboard">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <a href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who">
          Profile: <strong>{profile ? profile.title : 'primary'}</strong>{' '}
          <button
            type="button"
            onClick={() => {
              signOut();
              setSignedIn(false);
            }}
          >
            Sign out
          </button>
        </p>
      </header>
      <main>
        <h1>{page.label}</h1>
        <Page key={`${page.path}-${profileTick}`} onProfileChange={() => setProfileTick((n) => n + 1)} />
      </main>
    </>
  );
}
