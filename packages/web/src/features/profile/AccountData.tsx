/**
 * "Your data" on the privacy page: download everything the account can read (a zip of JSON), and
 * delete the account, which asks for the password again (docs/subsystems/accounts.md).
 */
import { useId, useState } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Confirm } from '../../components/Confirm.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { useController, useMe } from '../../app/AppContext.js';

export function AccountData() {
  const controller = useController();
  const me = useMe()!;
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const download = useAction(() => controller.profile.downloadMyData(me.username));
  const remove = useAction(async () => {
    await controller.deleteAccount(password);
    navigate(paths.login(), { replace: true });
  });
  return (
    <section className="card pad stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        Your data
      </h2>
      <p className="muted small">A zip of your profile, follows, blocks, devices and every conversation you can read, with its messages.</p>
      <div>
        <button type="button" className="button" onClick={() => void download.run()} disabled={download.busy}>
          {download.busy ? 'Preparing your data…' : 'Download my data'}
        </button>
      </div>
      {download.error && (
        <p className="error" role="alert">
          {download.error}
        </p>
      )}
      <p className="muted small">
        Deleting your account erases your profile and ends every session. What you sent stays in other people’s conversations, from “Deleted user”.
      </p>
      {!asking ? (
        <div>
          <button type="button" className="button danger" onClick={() => setAsking(true)}>
            Delete account…
          </button>
        </div>
      ) : (
        <Confirm
          question="Delete your account? This cannot be undone."
          action="Delete my account"
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.run()}
          onCancel={() => {
            setAsking(false);
            setPassword('');
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-password`}>Your password</label>
            <input id={`${id}-password`} type="password" autoComplete="current-password" maxLength={LIMITS.passwordMax} value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
        </Confirm>
      )}
    </section>
  );
}
