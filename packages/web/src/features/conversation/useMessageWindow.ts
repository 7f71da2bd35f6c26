/**
 * Windowing for long histories: the list renders at most WINDOW_MAX loaded messages, a contiguous
 * run of them, not the whole history. Short histories (the e2e pages through 70) render whole.
 *
 * The window is two seq bounds (`from`, `to`; null = "as many as fit from the newest" and "the
 * newest"), not pixels, so it needs no item heights and works the same in jsdom. It follows the
 * newest messages while the reader is at the bottom; once they scroll away it freezes (new
 * messages append below, nothing above moves); reaching the top reveals WINDOW_STEP more loaded
 * messages before paging the server, and reaching the bottom of a window that stops short of the
 * newest reveals more below. Every change above the reader keeps the first visible message where
 * it was on screen (`keepPosition`), so neither revealing nor trimming moves what they read.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AppStore } from '../../core/client.js';
import { afterSeq, atOrAfterSeq, type MessageIndex } from './messageIndex.js';

export const WINDOW_MAX = 150;
export const WINDOW_STEP = 50;
const AT_BOTTOM_PX = 48;

interface Bounds {
  from: number | null;
  to: number | null;
}
const TAIL: Bounds = { from: null, to: null };

/** The rendered slice [start, end) of `index.ids` for these bounds. */
export function windowRange(index: MessageIndex | undefined, bounds: Bounds): [number, number] {
  if (!index) return [0, 0];
  const end = bounds.to === null ? index.ids.length : afterSeq(index, bounds.to);
  const start = bounds.from === null ? Math.max(0, end - WINDOW_MAX) : Math.min(atOrAfterSeq(index, bounds.from), end);
  return [start, end];
}

export function useMessageWindow(store: AppStore, conversationId: string, index: MessageIndex | undefined) {
  const [bounds, setBoundsState] = useState<Bounds>(TAIL);
  const current = useRef(bounds);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ seq: number; top: number } | null>(null);
  const [start, end] = windowRange(index, bounds);

  const setBounds = useCallback((next: Bounds) => {
    if (next.from === current.current.from && next.to === current.current.to) return;
    current.current = next;
    setBoundsState(next);
  }, []);

  /** The index as it is now (callbacks run after awaits, when the render's copy may be stale). */
  const fresh = useCallback(() => store.getState().conversation.messages[conversationId], [store, conversationId]);

  /** Bounds for the slice [s, e) of `idx`: open-ended at the newest when it reaches it. */
  const slice = useCallback((idx: MessageIndex, s: number, e: number): Bounds => ({ from: idx.byId[idx.ids[s]!]!.seq, to: e >= idx.ids.length ? null : idx.byId[idx.ids[e - 1]!]!.seq }), []);

  /** Remembers where the first visible message is, so the next render puts it back there. */
  const keepPosition = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>('[data-seq]')].find((m) => m.getBoundingClientRect().bottom > top);
    anchor.current = first ? { seq: Number(first.dataset.seq), top: first.getBoundingClientRect().top } : null;
  }, []);

  /** Shows up to WINDOW_STEP more loaded messages above; false when none are hidden there. */
  const revealAbove = useCallback((): boolean => {
    const idx = fresh();
    const [s, e] = windowRange(idx, current.current);
    if (!idx || s === 0) return false;
    keepPosition();
    const ns = Math.max(0, s - WINDOW_STEP);
    setBounds(slice(idx, ns, Math.min(e, ns + WINDOW_MAX)));
    return true;
  }, [fresh, keepPosition, setBounds, slice]);

  /** Shows up to WINDOW_STEP more loaded messages below; false when the window reaches the newest. */
  const revealBelow = useCallback((): boolean => {
    const idx = fresh();
    const [s, e] = windowRange(idx, current.current);
    if (!idx || e === idx.ids.length) return false;
    keepPosition();
    const ne = Math.min(idx.ids.length, e + WINDOW_STEP);
    setBounds(slice(idx, Math.max(s, ne - WINDOW_MAX), ne));
    return true;
  }, [fresh, keepPosition, setBounds, slice]);

  /** Jumps to the oldest loaded messages (Home) or back to the newest (End). */
  const jumpTo = useCallback(
    (edge: 'first' | 'last'): boolean => {
      const idx = fresh();
      const [s, e] = windowRange(idx, current.current);
      if (!idx || (edge === 'first' ? s === 0 : e === idx.ids.length)) return false;
      // Where the next render settles: at the bottom for the newest, wherever focus takes it for the oldest.
      atBottom.current = edge === 'last';
      setBounds(edge === 'first' ? slice(idx, 0, Math.min(idx.ids.length, WINDOW_MAX)) : TAIL);
      return true;
    },
    [fresh, setBounds, slice],
  );

  /** The scroll handler's part: whether the reader is at the bottom, and what that means for the window. */
  const onScrolled = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
    const idx = fresh();
    if (!idx || idx.ids.length === 0) return;
    const b = current.current;
    const [s, e] = windowRange(idx, b);
    const atNewest = e === idx.ids.length;
    // At the very bottom: follow the newest again (trimming above is invisible from here).
    if (atBottom.current && atNewest && b.from !== null) setBounds(TAIL);
    // Away from the bottom: freeze the top, so arriving messages do not trim what is being read.
    else if (!atBottom.current && b.from === null && b.to === null) setBounds(slice(idx, s, e));
  }, [fresh, setBounds, slice]);

  /** After each render of the rows: put the anchored message back, or keep the bottom in view. */
  const settle = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const a = anchor.current;
    if (a) {
      anchor.current = null;
      const m = [...el.querySelectorAll<HTMLElement>('[data-seq]')].find((x) => Number(x.dataset.seq) === a.seq);
      if (m) {
        el.scrollTop += m.getBoundingClientRect().top - a.top;
        return;
      }
    }
    if (atBottom.current) el.scrollTop = el.scrollHeight;
  }, []);

  // One object per window position, so effects that depend on it re-run only when the window moves.
  return useMemo(() => ({ start, end, scroller, atBottom, keepPosition, revealAbove, revealBelow, jumpTo, onScrolled, settle }), [start, end, keepPosition, revealAbove, revealBelow, jumpTo, onScrolled, settle]);
}

/** Runs `settle` after every commit whose `rows` changed (a layout effect, before paint). */
export function useSettle(settle: () => void, rows: unknown): void {
  useLayoutEffect(() => settle(), [settle, rows]);
}
