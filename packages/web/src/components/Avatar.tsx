/** Big round avatars with initials, tinted from the user id so a person keeps their colour. */
const TINTS = ['#e8b07a', '#9cc29a', '#8fb4d9', '#d99aa5', '#c7b4e3', '#e3cf7d', '#8fcbc3', '#d8a48f'];

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export function tintFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return TINTS[h % TINTS.length]!;
}

export function Avatar({ id, name, size = 48 }: { id: string; name: string; size?: number }) {
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.38, background: tintFor(id) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

/** Two overlapping avatars for a group, like the audio app's room cards. */
export function GroupAvatar({ people, size = 48 }: { people: { id: string; displayName: string }[]; size?: number }) {
  const [a, b] = people;
  if (!a) return <Avatar id="?" name="?" size={size} />;
  if (!b) return <Avatar id={a.id} name={a.displayName} size={size} />;
  const small = Math.round(size * 0.72);
  return (
    <span className="avatar-pair" style={{ width: size, height: size }} aria-hidden="true">
      <Avatar id={a.id} name={a.displayName} size={small} />
      <Avatar id={b.id} name={b.displayName} size={small} />
    </span>
  );
}
