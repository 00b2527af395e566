const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV sample: the candidate whose count per line (outside quotes) is the
 * most consistent and non-zero over the first lines. Pure; defaults to a comma.
 */
export function detectDelimiter(sample: string): string {
  const lines = splitLogicalLines(sample).slice(0, 50);
  if (lines.length > 1 && sample.length >= 65536) lines.pop(); // the last one may be cut
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.filter((l) => l.trim()).map((l) => countOutsideQuotes(l, delimiter));
    if (counts.length === 0 || counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = same * 10 + Math.min(counts[0]!, 50) / 50;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function splitLogicalLines(text: string): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) n++;
  }
  return n;
}
