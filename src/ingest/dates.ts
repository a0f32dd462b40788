/** Dutch dates as printed ("4 april 2024") to ISO 8601. */
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export function isoDate(text: string): string | null {
  const m = /(\d{1,2})\s+([a-z]+)\s+(\d{4})/i.exec(text.replace(/\s+/g, ' '));
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
  if (month < 0) return null;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
