/**
 * The room's Q&A (docs/web.md "Rooms"): everyone in the room sees the questions — on stage first,
 * then the queue by votes — and upvotes (a toggle); listeners ask (280 characters). The host and
 * moderators switch Q&A and approval, approve, move questions on stage / answered / dismissed, hide,
 * merge duplicates, bring the asker up; the host answers privately (opens the 1:1). Speakers take a
 * waiting question on stage. After the room ends the list stays, read-only. The asker is told
 * when their question changes state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { QUESTION_LIMITS, type Question, type RoomEvent } from '@backchannel/protocol';
import { useAction } from '../../components/useAsync.js';
import { useController, useMe } from '../../app/AppContext.js';
import { navigate, paths } from '../../lib/router.js';
import type { RoomView } from '../rooms/state.js';
import { applyMyVote, applyQaEvent, applyQaVotes, emptyQa, fromList, ordered, STATUS_LABEL, type QaView } from './qaState.js';
import './questions.css';

export function QaPanel({ view }: { view: RoomView }) {
  const controller = useController();
  const me = useMe();
  const room = view.room;
  const roomId = room.id;
  const live = room.status === 'live';
  const role = live ? room.me.role : null;
  const staff = role === 'host' || role === 'moderator';
  const [qa, setQaState] = useState<QaView>(emptyQa);
  const current = useRef<QaView>(emptyQa);
  const early = useRef<RoomEvent[] | null>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const setQa = useCallback((next: QaView) => {
    current.current = next;
    setQaState(next);
  }, []);

  const load = useCallback(async () => {
    const list = await controller.questions.list(roomId);
    let next = fromList(list);
    // Events that arrived while the list loaded: the newer ones apply on top.
    for (const e of early.current ?? []) next = applyQaEvent(next, e);
    early.current = null;
    if (list.seq >= current.current.seq || current.current === emptyQa) setQa(next);
  }, [controller, roomId, setQa]);

  useEffect(() => {
    early.current = [];
    const stop = controller.questions.watch(roomId, {
      event: (e) => {
        if (early.current) return void early.current.push(e);
        const before = current.current;
        const next = applyQaEvent(before, e);
        if (e.type === 'room.question' && e.data.question.asker.id === me?.id) {
          const old = before.byId[e.data.question.id];
          if (old && old.status !== e.data.question.status) setNotice(`Your question is now: ${STATUS_LABEL[e.data.question.status].toLowerCase()}.`);
          else if (old && old.visibility === 'awaiting_approval' && e.data.question.visibility === 'visible') setNotice('Your question was approved: everyone sees it now.');
        }
        if (next !== before) setQa(next);
      },
      votes: (e) => setQa(applyQaVotes(current.current, e)),
      ready: () => void load().catch(() => undefined),
    });
    void load().catch(() => undefined);
    return stop;
    // The staff see more (questions awaiting approval, hidden ones): reload when my role changes.
  }, [controller, roomId, load, me?.id, role, setQa]);

  const settings = useAction((patch: { enabled?: boolean; requireApproval?: boolean }) => controller.questions.setSettings(roomId, patch));
  const list = ordered(qa);
  const headingId = `qa-heading-${roomId}`;

  return (
    <section className="qa-panel card" aria-labelledby={headingId}>
      <div className="qa-head">
        <h2 id={headingId}>Questions{list.length > 0 ? ` (${list.length})` : ''}</h2>
        {staff && (
          <div className="qa-switches">
            <label>
              <input type="checkbox" checked={qa.qa.enabled} disabled={settings.busy} onChange={(e) => void settings.run({ enabled: e.target.checked })} /> Q&amp;A on
            </label>
            <label>
              <input type="checkbox" checked={qa.qa.requireApproval} disabled={settings.busy} onChange={(e) => void settings.run({ requireApproval: e.target.checked })} /> Approve questions first
            </label>
          </div>
        )}
      </div>
      {settings.error && (
        <p className="error" role="alert">
          {settings.error}
        </p>
      )}
      <p className="qa-notice" role="status">
        {notice}
      </p>
      {!qa.qa.enabled && live && <p className="muted small">Q&amp;A is off{staff ? ': switch it on to take questions.' : '.'}</p>}
      {!live && <p className="muted small">The room ended: the questions stay here, read-only.</p>}
      {live && qa.qa.enabled && role !== null && <AskForm roomId={roomId} approval={qa.qa.requireApproval && !staff} />}
      {list.length > 0 && (
        <ol className="qa-list">
          {list.map((q) => (
            <QuestionItem key={q.id} q={q} view={view} qa={qa} onVote={(r) => setQa(applyMyVote(current.current, r))} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AskForm({ roomId, approval }: { roomId: string; approval: boolean }) {
  const controller = useController();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const ask = useAction(async () => {
    await controller.questions.ask(roomId, text);
    setText('');
    setSent(true);
  });
  const left = QUESTION_LIMITS.textMax - [...text].length;
  return (
    <form
      className="qa-ask"
      onSubmit={(e) => {
        e.preventDefault();
        setSent(false);
        void ask.run();
      }}
    >
      <label htmlFor={`qa-ask-${roomId}`}>Ask a question</label>
      <textarea id={`qa-ask-${roomId}`} rows={2} value={text} maxLength={QUESTION_LIMITS.textMax} onChange={(e) => setText(e.target.value)} aria-describedby={`qa-left-${roomId}`} />
      <div className="qa-ask-row">
        <span id={`qa-left-${roomId}`} className="muted small">
          {left} characters left{approval ? ' · a host approves questions before everyone sees them' : ''}
        </span>
        <button type="submit" className="button primary small" disabled={ask.busy || text.trim() === ''}>
          Ask
        </button>
      </div>
      {ask.error && (
        <p className="error" role="alert">
          {ask.error}
        </p>
      )}
      {sent && !ask.error && <p className="muted small">{approval ? 'Sent: it shows once a host approves it.' : 'Asked.'}</p>}
    </form>
  );
}

function QuestionItem({ q, view, qa, onVote }: { q: Question; view: RoomView; qa: QaView; onVote: (r: { questionId: string; voted: boolean; votes: number; votesVersion: number }) => void }) {
  const controller = useController();
  const me = useMe();
  const room = view.room;
  const live = room.status === 'live';
  const role = live ? room.me.role : null;
  const staff = role === 'host' || role === 'moderator';
  const voted = qa.voted.has(q.id);
  const open = q.status === 'pending' || q.status === 'on_stage';
  const canVote = live && role !== null && qa.qa.enabled && q.visibility === 'visible' && open;
  const act = useAction(async (fn: () => Promise<unknown>) => fn());
  const vote = useAction(async () => onVote(await controller.questions.vote(room.id, q.id, !voted)));
  const state = (body: Parameters<typeof controller.questions.setState>[2]) => () => void act.run(() => controller.questions.setState(room.id, q.id, body));
  const others = ordered(qa).filter((o) => o.id !== q.id && (o.status === 'pending' || o.status === 'on_stage'));
  const asker = q.asker.id === me?.id ? 'You' : q.asker.displayName;
  const credit = q.coAskers.length > 0 ? ` and ${q.coAskers.map((u) => u.displayName).join(', ')}` : '';
  return (
    <li className={`qa-item qa-${q.status}`}>
      <button
        type="button"
        className={`qa-vote${voted ? ' voted' : ''}`}
        aria-pressed={voted}
        aria-label={`Upvote “${q.text.slice(0, 40)}”, ${q.votes} ${q.votes === 1 ? 'vote' : 'votes'}`}
        disabled={!canVote || vote.busy}
        onClick={() => void vote.run()}
      >
        <span aria-hidden="true">▲</span>
        <span className="qa-count">{q.votes}</span>
      </button>
      <div className="qa-body">
        <p className="qa-text">{q.text}</p>
        <p className="muted small">
          {asker}
          {credit} · <span className="qa-status">{STATUS_LABEL[q.status]}</span>
          {q.visibility === 'awaiting_approval' && ' · awaiting approval'}
          {q.visibility === 'hidden' && ' · hidden'}
        </p>
        {(staff || (role === 'speaker' && q.status === 'pending' && q.visibility === 'visible')) && (
          <div className="qa-actions" role="group" aria-label="Question controls">
            {staff && q.visibility === 'awaiting_approval' && (
              <button type="button" className="button small primary" onClick={state({ visibility: 'visible' })}>
                Approve
              </button>
            )}
            {q.status === 'pending' && q.visibility === 'visible' && (
              <button type="button" className="button small" onClick={() => void act.run(() => controller.questions.take(room.id, q.id))}>
                On stage
              </button>
            )}
            {staff && open && (
              <button type="button" className="button small" onClick={state({ status: 'answered' })}>
                Answered
              </button>
            )}
            {staff && open && (
              <button type="button" className="button small" onClick={state({ status: 'dismissed' })}>
                Dismiss
              </button>
            )}
            {staff && (q.status === 'on_stage' || q.status === 'dismissed') && (
              <button type="button" className="button small" onClick={state({ status: 'pending' })}>
                Back to the queue
              </button>
            )}
            {staff && q.visibility === 'visible' && (
              <button type="button" className="button small" onClick={state({ visibility: 'hidden' })}>
                Hide
              </button>
            )}
            {staff && q.visibility === 'hidden' && (
              <button type="button" className="button small" onClick={state({ visibility: 'visible' })}>
                Show
              </button>
            )}
            {staff && q.asker.id !== me?.id && open && (
              <button type="button" className="button small" onClick={() => void act.run(() => controller.questions.bringUp(room.id, q.id))}>
                Bring up
              </button>
            )}
            {role === 'host' && q.asker.id !== me?.id && (
              <button type="button" className="button small" onClick={() => void act.run(async () => navigate(paths.conversation(await controller.questions.answerPrivately(room.id, q.id))))}>
                Answer privately
              </button>
            )}
            {staff && open && others.length > 0 && (
              <label className="qa-merge">
                <span className="visually-hidden">Merge into</span>
                <select value="" onChange={(e) => e.target.value && void act.run(() => controller.questions.merge(room.id, q.id, e.target.value))}>
                  <option value="">Merge into…</option>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.text.slice(0, 60)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
        {(act.error ?? vote.error) && (
          <p className="error" role="alert">
            {act.error ?? vote.error}
          </p>
        )}
      </div>
    </li>
  );
}
