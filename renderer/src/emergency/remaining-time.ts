const two = (n: number): string => String(n).padStart(2, '0');

/** Time left as a countdown reads: `mm:ss` under an hour, `h:mm:ss` beyond; nothing left is `00:00`. */
export function remainingText(milliseconds: number): string {
  const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = `${two(minutes)}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}
