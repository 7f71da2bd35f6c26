/**
 * The page an operator's reset link opens (`npm run admin -- reset-password`): /reset-password#token=….
 * The token rides in the fragment, so it never reaches a server log or a Referer header.
 */
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Link } from '../../components/Link.js';
import { useAction } from '../../components/useAsync.js';
import { paths } from '../../lib/router.js';
import { useController } from '../../app/AppContext.js';

export function ResetPassword() {
  const controller = useController();
  const id = useId();
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    await controller.resetPassword(token, password);
    setDone(true);
  });
  const tooShort = [...password].length < LIMITS.passwordMin;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!tooShort) void action.run();
  };
  return (
    <main className="auth">
      <div className="auth-card card stack">
        <h1 tabIndex={-1} data-route-heading>
          Choose a new password
        </h1>
        {!token && <p className="error">This link has no reset token. Ask the operator for a new link.</p>}
        {done ? (
          <p role="status">
            Your password is set, and every device was logged out. <Link href={paths.login()}>Log in</Link>
          </p>
        ) : (
          <form onSubmit={submit} className="stack">
            <div className="field">
              <label htmlFor={`${id}-password`}>New password</label>
              <input id={`${id}-password`} type="password" autoComplete="new-password" required maxLength={LIMITS.passwordMax} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-hint`} />
              <span id={`${id}-hint`} className="hint">{`At least ${LIMITS.passwordMin} characters`}</span>
            </div>
            {action.error && (
              <p className="error" role="alert">
                {action.error}
              </p>
            )}
            <button className="button primary big" type="submit" disabled={action.busy || !token || tooShort}>
              {action.busy ? 'One moment…' : 'Set password'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
