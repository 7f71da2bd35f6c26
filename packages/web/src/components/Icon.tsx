/** Inline SVG icons (no icon font to load); decorative unless given a label by the caller. */
const PATHS = {
  search: 'M10.5 4a6.5 6.5 0 1 0 4 11.6l4.5 4.5 1.4-1.4-4.5-4.5A6.5 6.5 0 0 0 10.5 4Zm0 2a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9Z',
  back: 'M15.7 4.3 8 12l7.7 7.7-1.4 1.4L5.2 12l9.1-9.1 1.4 1.4Z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5Z',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z',
  sun: 'M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm-1-5h2v3h-2V2Zm0 17h2v3h-2v-3ZM2 11h3v2H2v-2Zm17 0h3v2h-3v-2ZM4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4-2.1-2.1Zm12.1 12.1 1.4-1.4 2.1 2.1-1.4 1.4-2.1-2.1ZM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1-1.4-1.4ZM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1-1.4-1.4Z',
  pin: 'M14 3l7 7-2 1-3 3 1 5-2 1-4-4-5 5H5v-1l5-5-4-4 1-2 5 1 3-3 1-2Z',
  mute: 'M4 9h4l5-4v14l-5-4H4V9Zm12.6.2 1.4-1.4 2 2 2-2 1.4 1.4-2 2 2 2-1.4 1.4-2-2-2 2-1.4-1.4 2-2-2-2Z',
  archive: 'M3 4h18v5H3V4Zm1 6h16v10H4V10Zm5 2v2h6v-2H9Z',
  copy: 'M8 8h11v13H8V8Zm2 2v9h7v-9h-7ZM5 3h11v3H7v10H5V3Z',
  send: 'M3 20.5 21 12 3 3.5 5.5 12 3 20.5Zm4-7.5h6v-2H7l-1.3-4 11.1 5-11.1 5L7 13Z',
  gear: 'M12 8.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm8.6 5-.1-3-2.3-.5-.6-1.5 1.3-2-2.1-2.1-2 1.3-1.5-.6L13 2.8h-3l-.5 2.3-1.5.6-2-1.3-2.1 2.1 1.3 2-.6 1.5-2.3.5v3l2.3.5.6 1.5-1.3 2 2.1 2.1 2-1.3 1.5.6.5 2.3h3l.5-2.3 1.5-.6 2 1.3 2.1-2.1-1.3-2 .6-1.5 2.3-.5Z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5Z',
  check: 'M9.5 16.2 4.8 11.5l-1.4 1.4 6.1 6.1L21 7.5l-1.4-1.4-10.1 10.1Z',
  retry: 'M12 5V2L7.5 6.5 12 11V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7Z',
  user: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z',
  flag: 'M5 3h2v1h12l-3 5 3 5H7v7H5V3Zm2 3v6h8.5l-1.8-3 1.8-3H7Z',
  shield: 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm0 2.2 6 2.2V11c0 3.9-2.5 7.4-6 8.8-3.5-1.4-6-4.9-6-8.8V6.4l6-2.2Z',
  lock: 'M12 2a5 5 0 0 1 5 5v3h2v12H5V10h2V7a5 5 0 0 1 5-5Zm0 2a3 3 0 0 0-3 3v3h6V7a3 3 0 0 0-3-3Zm-5 8v8h10v-8H7Z',
  inbox: 'M4 4h16l1 10v6H3v-6L4 4Zm1.8 2-.7 7H9a3 3 0 0 0 6 0h3.9l-.7-7H5.8Z',
} as const;

/** Line icons, drawn with a stroke (the paper plane reads better as an outline, like the app's). */
const STROKES = {
  plane: 'M21.5 2.5 10.8 13.2M21.5 2.5l-6.8 19-3.9-8.3-8.3-3.9 19-6.8Z',
} as const;

export type IconName = keyof typeof PATHS | keyof typeof STROKES;

export function Icon({ name, size = 22 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {name in STROKES ? (
        <path d={STROKES[name as keyof typeof STROKES]} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <path d={PATHS[name as keyof typeof PATHS]} fill="currentColor" fillRule="evenodd" />
      )}
    </svg>
  );
}
