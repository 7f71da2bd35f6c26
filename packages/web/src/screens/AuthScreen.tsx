/** Sign up and log in, on one warm card; the two differ only in the display-name field. */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Icon } from '../components/Icon.js';
import { Link } from '../components/Link.js';
import { useAction } from '../components/useAsync.js';
import { navigate, paths } from '../lib/router.js';
import { useController } from '../state/AppContext.js';

export function AuthScreen({ mode }: { mode: 'login' | 'signup' }) {
  const controller = useController();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const signup = mode === 'signup';
  const action = useAction(async () => {
    if (signup) await controller.signup({ username: username.trim(), displayName: displayName.trim(), password });
    else await controller.login(username.trim(), password);
    navigate(paths.hallway(), { replace: true });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run();
  };

  return (
    <main className="auth">
      <div className="auth-card card">
        <div className="brand" aria-hidden="true">
          <Icon name="plane" size={34} />
        </div>
        <h1 tabIndex={-1} data-route-heading>
          {signup ? 'Join the conversation' : 'Welcome back'}
        </h1>
        <p className="muted">{signup ? 'Grab a username and say hi to the hallway.' : 'Log in to see who’s talking.'}</p>
        <form onSubmit={submit} className="stack">
          <label className="field">
            <span>Username</span>
            <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required minLength={signup ? LIMITS.usernameMin : 1} maxLength={LIMITS.usernameMax} pattern={signup ? '[A-Za-z0-9_]+' : undefined} title={signup ? 'Letters, digits and underscores' : undefined} value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          {signup && (
            <label className="field">
              <span>Your name</span>
              <input name="displayName" autoComplete="name" required maxLength={LIMITS.displayNameMax} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span>Password</span>
            <input name="password" type="password" autoComplete={signup ? 'new-password' : 'current-password'} required minLength={signup ? LIMITS.passwordMin : 1} maxLength={LIMITS.passwordMax} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {action.error && (
            <p className="error" role="alert">
              {action.error}
            </p>
          )}
          <button className="button primary big" type="submit" disabled={action.busy}>
            {action.busy ? 'One moment…' : signup ? 'Create account' : 'Log in'}
          </button>
        </form>
        <p className="muted small">
          {signup ? 'Already have an account? ' : 'New here? '}
          <Link href={signup ? paths.login() : paths.signup()}>{signup ? 'Log in' : 'Create an account'}</Link>
        </p>
      </div>
    </main>
  );
}
