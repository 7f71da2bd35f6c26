/**
 * Sign up and log in, on one warm card; the two differ only in the display-name field. Sign-up
 * shows its rules under the fields from the start and, after a first try, says inline what is
 * wrong with each field (aria-invalid + aria-describedby), focusing the first one: the browser's
 * own validation only showed a tooltip after submit, which many people never see.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { useController } from '../../app/AppContext.js';

type Field = 'username' | 'displayName' | 'password';
type Values = Record<Field, string>;

const RULES: Partial<Record<Field, string>> = {
  username: `${LIMITS.usernameMin}–${LIMITS.usernameMax} characters: letters, digits and _`,
  password: `At least ${LIMITS.passwordMin} characters`,
};

/** What is wrong with each field, as a sentence (the same rules the server checks). */
export function signupProblems(v: Values): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const username = v.username.trim();
  if (username === '') out.username = 'Choose a username.';
  else if (!/^[A-Za-z0-9_]+$/.test(username)) out.username = 'Use only letters, digits and _ (no spaces).';
  else if (username.length < LIMITS.usernameMin) out.username = `Use at least ${LIMITS.usernameMin} characters.`;
  else if (username.length > LIMITS.usernameMax) out.username = `Use at most ${LIMITS.usernameMax} characters.`;
  if (v.displayName.trim() === '') out.displayName = 'Add your name.';
  const chars = [...v.password].length;
  if (chars < LIMITS.passwordMin) out.password = chars === 0 ? `Choose a password of at least ${LIMITS.passwordMin} characters.` : `Use at least ${LIMITS.passwordMin} characters (${chars} so far).`;
  return out;
}

export function AuthScreen({ mode }: { mode: 'login' | 'signup' }) {
  const controller = useController();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>({ username: '', displayName: '', password: '' });
  const [tried, setTried] = useState(false);
  const signup = mode === 'signup';
  const problems = signup && tried ? signupProblems(values) : {};
  const action = useAction(async () => {
    if (signup) await controller.signup({ username: values.username.trim(), displayName: values.displayName.trim(), password: values.password });
    else await controller.login(values.username.trim(), values.password);
    // The app moves to the hallway as soon as the session exists (App.tsx); by the time this
    // resolves the person may already have gone on elsewhere, and must not be pulled back.
    if (window.location.pathname === paths.login() || window.location.pathname === paths.signup()) navigate(paths.hallway(), { replace: true });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (signup) {
      setTried(true);
      const wrong = (['username', 'displayName', 'password'] as const).find((f) => signupProblems(values)[f]);
      if (wrong) {
        form.current?.querySelector<HTMLElement>(`[name="${wrong}"]`)?.focus();
        return;
      }
    }
    void action.run();
  };
  const field = (name: Field) => {
    const hint = signup ? RULES[name] : undefined;
    const problem = problems[name];
    const describedBy = [hint ? `${id}-${name}-hint` : '', problem ? `${id}-${name}-error` : ''].filter(Boolean).join(' ');
    return {
      input: { name, value: values[name], onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })), 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy || undefined },
      help: (
        <>
          {hint && (
            <span id={`${id}-${name}-hint`} className="hint">
              {hint}
            </span>
          )}
          {problem && (
            <span id={`${id}-${name}-error`} className="field-error">
              {problem}
            </span>
          )}
        </>
      ),
    };
  };
  const username = field('username');
  const displayName = field('displayName');
  const password = field('password');

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
        <form ref={form} onSubmit={submit} className="stack" noValidate={signup}>
          <div className="field">
            <label htmlFor={`${id}-username`}>Username</label>
            <input id={`${id}-username`} autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={signup ? LIMITS.usernameMax : 64} {...username.input} />
            {username.help}
          </div>
          {signup && (
            <div className="field">
              <label htmlFor={`${id}-displayName`}>Your name</label>
              <input id={`${id}-displayName`} autoComplete="name" required maxLength={LIMITS.displayNameMax} {...displayName.input} />
              {displayName.help}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input id={`${id}-password`} type="password" autoComplete={signup ? 'new-password' : 'current-password'} required maxLength={LIMITS.passwordMax} {...password.input} />
            {password.help}
          </div>
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
