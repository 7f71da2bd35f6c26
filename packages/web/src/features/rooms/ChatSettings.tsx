/**
 * The host's and moderators' chat switches: on/off and the mode (open, slow mode with its interval,
 * followers of the host, emoji only). Each change is saved at once and confirmed in a live region;
 * everyone else learns it from `room.updated` (the mode banner).
 */
import { useState } from 'react';
import type { ChatMode, RoomChatSettings } from '@backchannel/protocol';
import { useAction } from '../../components/useAsync.js';
import { useController } from '../../app/AppContext.js';
import { modeSentence, secondsLabel } from './selectors.js';

const MODES: { value: ChatMode; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'slow', label: 'Slow mode' },
  { value: 'followers', label: 'Followers of the host' },
  { value: 'emoji', label: 'Emoji only' },
];
const SLOW_CHOICES = [5, 10, 30, 60, 120, 300];

export function ChatSettings({ roomId, chat }: { roomId: string; chat: RoomChatSettings }) {
  const controller = useController();
  const [saved, setSaved] = useState('');
  // The choice shows at once; the room's settings follow when the server has them.
  const [pending, setPending] = useState<Partial<RoomChatSettings>>({});
  const save = useAction(async (patch: Partial<RoomChatSettings>) => {
    setPending(patch);
    try {
      await controller.rooms.setChat(roomId, patch);
    } finally {
      setPending({});
    }
    const next = { ...chat, ...patch };
    setSaved(next.enabled ? `Saved. ${modeSentence(next)}.` : 'Saved. Chat is off.');
  });
  const shown = { ...chat, ...pending };
  const slowChoices = SLOW_CHOICES.includes(shown.slowSeconds) ? SLOW_CHOICES : [...SLOW_CHOICES, shown.slowSeconds].sort((a, b) => a - b);

  return (
    <div className="chat-settings stack" role="group" aria-label="Chat settings">
      <label className="radio">
        <input type="checkbox" role="switch" checked={shown.enabled} disabled={save.busy} onChange={(e) => void save.run({ enabled: e.target.checked })} /> Chat
        is on
      </label>
      <fieldset className="field" disabled={!shown.enabled || save.busy}>
        <legend>Who can write</legend>
        {MODES.map((m) => (
          <label key={m.value} className="radio">
            <input type="radio" name={`chat-mode-${roomId}`} checked={shown.mode === m.value} onChange={() => void save.run({ mode: m.value })} /> {m.label}
          </label>
        ))}
      </fieldset>
      {shown.mode === 'slow' && (
        <label className="field inline-field">
          <span>One message every</span>
          <select value={shown.slowSeconds} disabled={!shown.enabled || save.busy} onChange={(e) => void save.run({ slowSeconds: Number(e.target.value) })}>
            {slowChoices.map((s) => (
              <option key={s} value={s}>
                {secondsLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted small">Hosts and moderators are exempt from the mode.</p>
      <p className="small" role="status">
        {save.error ?? saved}
      </p>
    </div>
  );
}
