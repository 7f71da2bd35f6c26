/**
 * Picking people from a search (starting a group chat, inviting people to a closed room): the
 * picked ones as removable chips, the results as toggle buttons (`aria-pressed`) without me in
 * them, and the toggling itself, with an optional maximum.
 */
import { useState } from 'react';
import type { UserSummary } from '@backchannel/protocol';
import { Icon } from './Icon.js';
import { PersonRow } from './PersonRow.js';

/** The picked people and a toggle that adds (while under `max`) or removes one. */
export function usePicked(max = Infinity) {
  const [picked, setPicked] = useState<UserSummary[]>([]);
  const full = picked.length >= max;
  const toggle = (u: UserSummary) => setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : p.length >= max ? p : [...p, u]));
  return { picked, toggle, full };
}

export function PickedChips({ people, label, onRemove }: { people: readonly UserSummary[]; label: string; onRemove: (u: UserSummary) => void }) {
  if (people.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {people.map((u) => (
        <li key={u.id}>
          <button type="button" className="chip" onClick={() => onRemove(u)} aria-label={`Remove ${u.displayName}`}>
            {u.displayName} <Icon name="close" size={14} />
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PersonPickList({
  results,
  picked,
  myId,
  searching,
  full = false,
  noneFound = false,
  onToggle,
}: {
  results: readonly UserSummary[];
  picked: readonly UserSummary[];
  myId: string | undefined;
  searching: boolean;
  /** No more can be picked: the others are disabled. */
  full?: boolean;
  /** Say "No one found." when there are no results. */
  noneFound?: boolean;
  onToggle: (u: UserSummary) => void;
}) {
  const candidates = results.filter((u) => u.id !== myId);
  return (
    <ul className="people" aria-label="Search results" aria-busy={searching}>
      {candidates.map((u) => {
        const on = picked.some((p) => p.id === u.id);
        return (
          <li key={u.id}>
            <button type="button" className={`person-button${on ? ' on' : ''}`} aria-pressed={on} onClick={() => onToggle(u)} disabled={!on && full}>
              <PersonRow user={u}>
                <span className="check" aria-hidden="true">
                  {on && <Icon name="check" size={18} />}
                </span>
              </PersonRow>
            </button>
          </li>
        );
      })}
      {noneFound && !searching && candidates.length === 0 && <li className="muted pad">No one found.</li>}
    </ul>
  );
}
