// @ts-check
// Exports of the selected work's metadata, as JSON and as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet
// programs read Chinese correctly). Cells that a spreadsheet would run as a formula are made inert:
// prompts come from web pages.

export const COLUMNS = [
  'prompt',
  'negative_prompt',
  'model',
  'ratio',
  'width',
  'height',
  'seed',
  'submit_id',
  'history_id',
  'created',
  'state',
  'image',
  'file',
];

/** @param {unknown} value */
function csvCell(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A batch's failed rows, in the columns a batch CSV is read with (note: why it failed; read and ignored). */
export const BATCH_COLUMNS = [
  'prompt',
  'negative_prompt',
  'model',
  'ratio',
  'resolution',
  'count',
  'seed',
  'strength',
  'note',
];

/** @param {Record<string, unknown>[]} rows @param {string[]} [columns] */
export function toCsv(rows, columns = COLUMNS) {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** @param {Record<string, unknown>[]} rows */
export const toJson = (rows) =>
  `${JSON.stringify(
    rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? '']))),
    null,
    2,
  )}\n`;

/** Saves text as a file through the page (no download permission needed for our own blob). */
/** @param {string} text @param {string} name @param {string} type */
export function saveText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
