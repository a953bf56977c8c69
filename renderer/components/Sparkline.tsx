// A tiny line of recent values (this page's own history), drawn as SVG: cheap enough for one per
// table row. Gaps (null) break the line; the label says what it shows for screen readers.
export function Sparkline(props: { values: readonly (number | null)[]; label: string }) {
  const width = 80;
  const height = 20;
  const numbers = props.values.filter((value): value is number => value !== null);
  if (numbers.length < 2) return null;
  const low = Math.min(...numbers);
  const span = Math.max(...numbers) - low || 1;
  const step = width / (props.values.length - 1);
  const segments: string[] = [];
  let current = '';
  props.values.forEach((value, index) => {
    if (value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const y = height - ((value - low) / span) * height;
    const point = `${(index * step).toFixed(1)},${y.toFixed(1)}`;
    current = current ? `${current} ${point}` : point;
  });
  if (current) segments.push(current);

  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={props.label}>
      {segments.map((points) => (
        <polyline key={points} points={points} fill="none" strokeWidth="1.5" />
      ))}
    </svg>
  );
}
